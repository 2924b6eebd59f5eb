import { describe, expect, it } from 'vitest';
import {
  gb11643CheckCharacter,
  parseIdentityDocument,
  parseMobile,
  parsePersonName,
  type IdentityDocumentProblem,
} from './identity-document';
import type { IdentityDocumentType } from './eligibility/profile';

const TODAY = '2026-11-20';

describe('gb11643CheckCharacter', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44030119851201002', '8'],
    ['31010120000229001', '5'],
  ])('when the first 17 digits are %s, then the check character is %s', (first17, check) => {
    expect(gb11643CheckCharacter(first17)).toBe(check);
  });
});

describe('parseIdentityDocument: valid numbers', () => {
  const valid: [
    IdentityDocumentType,
    string,
    { number: string; gender?: 'male' | 'female'; birthDate?: string },
  ][] = [
    [
      'resident_id',
      '11010519491231002X',
      { number: '11010519491231002X', gender: 'female', birthDate: '1949-12-31' },
    ],
    [
      'resident_id',
      ' 31010419900307123x ',
      { number: '31010419900307123X', gender: 'male', birthDate: '1990-03-07' },
    ],
    [
      'resident_id',
      '３１０１０１２００００２２９００１５',
      { number: '310101200002290015', gender: 'male', birthDate: '2000-02-29' },
    ],
    [
      'resident_id',
      '440301 19851201 0028',
      { number: '440301198512010028', gender: 'female', birthDate: '1985-12-01' },
    ],
    [
      'hmt_residence_permit',
      '810000199001010019',
      { number: '810000199001010019', gender: 'male', birthDate: '1990-01-01' },
    ],
    [
      'hmt_residence_permit',
      '820000198812310020',
      { number: '820000198812310020', gender: 'female', birthDate: '1988-12-31' },
    ],
    [
      'hmt_residence_permit',
      '830000200002290031',
      { number: '830000200002290031', gender: 'male', birthDate: '2000-02-29' },
    ],
    ['hk_macao_pass', 'H12345678', { number: 'H12345678' }],
    ['hk_macao_pass', 'm87654321', { number: 'M87654321' }],
    ['hk_macao_pass', 'H1234567801', { number: 'H1234567801' }],
    ['taiwan_pass', '12345678', { number: '12345678' }],
    ['taiwan_pass', '1234567801', { number: '1234567801' }],
    ['taiwan_pass', '12345678(b)', { number: '12345678B' }],
    ['foreign_permanent_residence_id', 'USA310190061001', { number: 'USA310190061001' }],
    [
      'foreign_permanent_residence_id',
      '931156198506150018',
      { number: '931156198506150018', gender: 'male', birthDate: '1985-06-15' },
    ],
    ['passport', 'E12345678', { number: 'E12345678' }],
    ['passport', 'ab12-345', { number: 'AB12345' }],
    ['passport', 'A'.repeat(20), { number: 'A'.repeat(20) }],
  ];

  it.each(valid)('when a %s number is "%s", then it is accepted as %o', (type, raw, expected) => {
    const result = parseIdentityDocument(type, raw, TODAY);
    expect(result).toEqual({ ok: true, document: { type, ...expected } });
  });
});

describe('parseIdentityDocument: invalid numbers', () => {
  const invalid: [IdentityDocumentType, string, IdentityDocumentProblem, RegExp][] = [
    ['resident_id', '', 'empty', /请输入居民身份证号码/],
    ['resident_id', '   ', 'empty', /请输入/],
    ['resident_id', '11010519491231002', 'wrong_length', /应为 18 位，您输入了 17 位/],
    ['resident_id', '11010519491231002XX', 'wrong_length', /您输入了 19 位/],
    ['resident_id', '1101051949123100X2', 'invalid_characters', /17 位数字/],
    ['resident_id', '11010519491231002Y', 'invalid_characters', /字母 X/],
    ['resident_id', '110105194912310021', 'invalid_check_digit', /校验位/],
    ['resident_id', '110105194913310025', 'invalid_birth_date', /出生日期.*无效/],
    ['resident_id', '310101199902290014', 'invalid_birth_date', /出生日期/],
    ['resident_id', '310101180001010014', 'invalid_birth_date', /出生日期/],
    ['resident_id', '310101203001010014', 'future_birth_date', /晚于今天/],
    ['resident_id', '990101199003071234', 'invalid_region', /省级行政区划代码/],
    ['resident_id', '710101199003071234', 'invalid_region', /省级行政区划代码/],
    ['resident_id', '810000199001010019', 'hmt_prefix', /港澳台居民居住证/],
    ['hmt_residence_permit', '11010519491231002X', 'resident_id_prefix', /居民身份证/],
    ['hmt_residence_permit', '840000199001010019', 'invalid_region', /810000/],
    ['hmt_residence_permit', '810000199001010010', 'invalid_check_digit', /校验位/],
    ['hmt_residence_permit', '81000019900101001', 'wrong_length', /18 位/],
    ['hk_macao_pass', 'K12345678', 'wrong_format', /H（香港居民）或 M（澳门居民）/],
    ['hk_macao_pass', 'H1234567', 'wrong_length', /8 位数字/],
    ['hk_macao_pass', 'H123456789', 'wrong_length', /旧版/],
    ['hk_macao_pass', 'H1234567A', 'wrong_format', /全部为数字/],
    ['hk_macao_pass', 'H1234567@', 'invalid_characters', /字母和数字/],
    ['taiwan_pass', '1234567', 'wrong_length', /8 位数字/],
    ['taiwan_pass', '123456789', 'wrong_length', /8 位数字/],
    ['taiwan_pass', 'T1234567', 'wrong_format', /8 位数字/],
    ['taiwan_pass', '12345678AB', 'wrong_length', /旧版/],
    ['foreign_permanent_residence_id', 'US3310190061001', 'wrong_format', /3 位字母加 12 位数字/],
    ['foreign_permanent_residence_id', '831156198506150018', 'wrong_format', /以数字 9 开头/],
    ['foreign_permanent_residence_id', '931156198506150011', 'invalid_check_digit', /校验位/],
    ['foreign_permanent_residence_id', '931156198513150018', 'invalid_birth_date', /出生日期/],
    ['foreign_permanent_residence_id', 'USA31019006100', 'wrong_length', /18 位.*15 位/],
    ['passport', 'E123', 'wrong_length', /5 至 20 位/],
    ['passport', 'A'.repeat(21), 'wrong_length', /5 至 20 位/],
    ['passport', 'E1234567/', 'invalid_characters', /字母和数字/],
    ['passport', '护照12345', 'invalid_characters', /字母和数字/],
  ];

  it.each(invalid)(
    'when a %s number is "%s", then it fails with %s and says what is wrong',
    (type, raw, problem, message) => {
      const result = parseIdentityDocument(type, raw, TODAY);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toBe(problem);
      expect(result.message).toMatch(message);
      expect(result.message).toMatch(/。$/);
    },
  );

  it('when the birth date is today, then it is accepted, and tomorrow it is refused', () => {
    const first17 = '31010120261120001';
    const number = `${first17}${gb11643CheckCharacter(first17)}`;
    expect(parseIdentityDocument('resident_id', number, '2026-11-20').ok).toBe(true);
    const first17b = '31010120261121001';
    const tomorrow = `${first17b}${gb11643CheckCharacter(first17b)}`;
    expect(parseIdentityDocument('resident_id', tomorrow, '2026-11-20')).toMatchObject({
      ok: false,
      problem: 'future_birth_date',
    });
  });
});

describe('parseMobile', () => {
  it.each([
    ['13812345678', '13812345678', 'mainland'],
    ['199 1234 5678', '19912345678', 'mainland'],
    ['+86 138-1234-5678', '13812345678', 'mainland'],
    ['008613812345678', '13812345678', 'mainland'],
    ['１３８１２３４５６７８', '13812345678', 'mainland'],
    ['+852 9123 4567', '+85291234567', 'hk'],
    ['+853 6612 3456', '+85366123456', 'macao'],
    ['+886 912 345 678', '+886912345678', 'taiwan'],
  ] as const)('when the number is "%s", then it is kept as %s (%s)', (raw, mobile, region) => {
    expect(parseMobile(raw)).toEqual({ ok: true, mobile, region });
  });

  it.each([
    ['', 'empty'],
    ['1381234567a', 'invalid_characters'],
    ['12812345678', 'wrong_format'],
    ['1381234567', 'wrong_format'],
    ['138123456789', 'wrong_format'],
    ['+852 1123 4567', 'wrong_format'],
    ['+853 5612 3456', 'wrong_format'],
    ['0912345678', 'wrong_format'],
    ['+1 415 555 0100', 'wrong_format'],
  ] as const)('when the number is "%s", then it fails with %s', (raw, problem) => {
    const result = parseMobile(raw);
    expect(result).toMatchObject({ ok: false, problem });
    if (!result.ok) expect(result.message).toMatch(/手机号码/);
  });
});

describe('parsePersonName', () => {
  it.each([
    ['张三', '张三'],
    [' 欧阳 娜娜 ', '欧阳 娜娜'],
    ['𠀾𪚥', '𠀾𪚥'], // Extension B characters
    ['𫠠𬺰𰀀', '𫠠𬺰𰀀'], // Extensions E, F, G
    ['王〇', '王〇'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['JOHN SMITH', 'JOHN SMITH'],
    ["José  María O'Neil-García", "José María O'Neil-García"],
    ['ＪＯＨＮ', 'JOHN'],
    ['J. R. TOLKIEN', 'J. R. TOLKIEN'],
    ['张'.repeat(50), '张'.repeat(50)],
    ['𠀀'.repeat(50), '𠀀'.repeat(50)],
  ])('when the name is "%s", then it is accepted as "%s"', (raw, name) => {
    expect(parsePersonName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['张'.repeat(51), 'too_long'],
    ['张三3', 'invalid_characters'],
    ['张三!', 'invalid_characters'],
    ['<script>', 'invalid_characters'],
    ['·张三', 'misplaced_separator'],
    ['张三·', 'misplaced_separator'],
    ['阿依古丽··买买提', 'misplaced_separator'],
    ['张三 SMITH', 'mixed_scripts'],
  ] as const)('when the name is "%s", then it fails with %s', (raw, problem) => {
    const result = parsePersonName(raw);
    expect(result).toMatchObject({ ok: false, problem });
    if (!result.ok) expect(result.message).toMatch(/姓名/);
  });
});
