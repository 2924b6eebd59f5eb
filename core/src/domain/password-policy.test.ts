import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  describePasswordProblem,
  PASSWORD_POLICY,
  type PasswordProblem,
} from './password-policy';

/** A rare CJK character outside the Basic Multilingual Plane: two UTF-16 units, one code point. */
const RARE_CJK = '𠀀';

describe('checkPassword for staff', () => {
  it('when the password has 11 characters (one below the minimum), then it is too short', () => {
    const password = 'Abcdefgh1!x';
    expect(password).toHaveLength(PASSWORD_POLICY.staff.minLength - 1);
    expect(checkPassword(password, 'staff')).toEqual(['too_short']);
  });

  it('when the password has exactly 12 characters and three classes, then it is accepted', () => {
    const password = 'Abcdefgh1!xy';
    expect(password).toHaveLength(PASSWORD_POLICY.staff.minLength);
    expect(checkPassword(password, 'staff')).toEqual([]);
  });

  it('when a long password uses only two classes, then it has too few character classes', () => {
    expect(checkPassword('abcdefghijkl1234', 'staff')).toEqual(['too_few_character_classes']);
    expect(checkPassword('ABCDEFGHIJKLmnop', 'staff')).toEqual(['too_few_character_classes']);
  });

  it('when the password contains the username in another case, then it is refused for it', () => {
    expect(checkPassword('xx-ZhangWei-2024', 'staff', 'zhangwei')).toEqual(['contains_username']);
    expect(checkPassword('xx-zhangwei-2024', 'staff', 'ZhangWei')).toEqual(['contains_username']);
  });

  it('when the password does not contain the username, then the username does not matter', () => {
    expect(checkPassword('xx-ZhangWei-2024', 'staff', 'liming')).toEqual([]);
  });

  it('when the password is only spaces, then it is whitespace-only and reports every problem', () => {
    expect(checkPassword(' '.repeat(12), 'staff')).toEqual([
      'whitespace_only',
      'too_few_character_classes',
    ]);
    expect(checkPassword('', 'staff')).toEqual([
      'whitespace_only',
      'too_short',
      'too_few_character_classes',
    ]);
  });

  it('when the password has 129 characters, then it is too long, and 128 are allowed', () => {
    const base = 'Aa1!';
    const allowed = base + 'x'.repeat(PASSWORD_POLICY.maxLength - base.length);
    expect(allowed).toHaveLength(128);
    expect(checkPassword(allowed, 'staff')).toEqual([]);
    expect(checkPassword(`${allowed}x`, 'staff')).toEqual(['too_long']);
  });
});

describe('checkPassword for candidates', () => {
  it('when the password has 7 characters, then it is too short, and 8 with three classes are enough', () => {
    expect(checkPassword('Abcde1!', 'candidate')).toEqual(['too_short']);
    expect(checkPassword('Abcdef12', 'candidate')).toEqual([]);
  });

  it('when 8 or 9 characters use two classes, then they are too few; from 10 characters two are enough', () => {
    expect(checkPassword('abcdef12', 'candidate')).toEqual(['too_few_character_classes']);
    expect(checkPassword('abcdefg12', 'candidate')).toEqual(['too_few_character_classes']);
    expect(checkPassword('abcdefgh12', 'candidate')).toEqual([]);
  });

  it('when the password uses a single class, then even a long one has too few classes', () => {
    expect(checkPassword('abcdefgh', 'candidate')).toEqual(['too_few_character_classes']);
    expect(checkPassword('123456789012', 'candidate')).toEqual(['too_few_character_classes']);
  });

  it('when a rare CJK character is used, then it counts as one character, not two', () => {
    // 7 code points but 8 UTF-16 units: still too short.
    const seven = `aB12${RARE_CJK}de`.slice(0, 8);
    expect(seven).toHaveLength(8);
    expect(checkPassword(seven, 'candidate')).toEqual(['too_short']);
    // 8 code points with lower, upper, digit and symbol (the CJK character): long enough.
    expect(checkPassword(`aB12${RARE_CJK}def`, 'candidate')).toEqual([]);
  });

  it('when 128 rare CJK characters are used, then the length is within the maximum', () => {
    const password = `a${RARE_CJK.repeat(PASSWORD_POLICY.maxLength - 1)}`;
    expect(password.length).toBeGreaterThan(PASSWORD_POLICY.maxLength);
    expect(checkPassword(password, 'candidate')).toEqual([]);
    expect(checkPassword(`${password}${RARE_CJK}`, 'candidate')).toEqual(['too_long']);
  });

  it('when the password contains the candidate username case-insensitively, then it is refused', () => {
    expect(checkPassword('Li.Ming2024', 'candidate', 'li.ming')).toEqual(['contains_username']);
  });

  it('when the username is shorter than three characters, then it is not checked', () => {
    expect(checkPassword('Abcdef12', 'candidate', 'ab')).toEqual([]);
  });

  it('when the password contains the document or mobile number, then it is refused', () => {
    const documentNumber = '11010519491231002X';
    expect(checkPassword(`Pw${documentNumber}`, 'candidate', undefined, [documentNumber])).toEqual([
      'contains_personal_data',
    ]);
    expect(
      checkPassword('pw-11010519491231002x', 'candidate', undefined, [documentNumber]),
    ).toEqual(['contains_personal_data']);
    expect(
      checkPassword('Ab!13812345678', 'candidate', undefined, [documentNumber, '13812345678']),
    ).toEqual(['contains_personal_data']);
    expect(
      checkPassword('Ab!138123456', 'candidate', undefined, [documentNumber, '13812345678']),
    ).toEqual([]);
  });

  it('when a personal value is shorter than six characters or missing, then it is not checked', () => {
    expect(checkPassword('Abc12345!', 'candidate', undefined, ['12345', undefined, ''])).toEqual(
      [],
    );
  });
});

describe('describePasswordProblem', () => {
  const problems: PasswordProblem[] = [
    'too_short',
    'too_long',
    'too_few_character_classes',
    'contains_username',
    'contains_personal_data',
    'whitespace_only',
  ];

  it.each(problems)('when the problem is %s, then the explanation is Chinese text', (problem) => {
    const text = describePasswordProblem(problem, 'staff');
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toMatch(/^密码/);
  });

  it('when each problem is described, then every explanation is different', () => {
    const texts = problems.map((p) => describePasswordProblem(p, 'candidate'));
    expect(new Set(texts).size).toBe(problems.length);
  });

  it('when a password is too short, then the explanation names the minimum of the account kind', () => {
    expect(describePasswordProblem('too_short', 'staff')).toBe(
      '密码至少需要 12 位，请加长后重试。',
    );
    expect(describePasswordProblem('too_short', 'candidate')).toBe(
      '密码至少需要 8 位，请加长后重试。',
    );
  });

  it('when classes are too few, then the explanation names the required number of classes', () => {
    expect(describePasswordProblem('too_few_character_classes', 'staff')).toContain('至少 3 类');
    expect(describePasswordProblem('too_few_character_classes', 'candidate')).toContain(
      '至少 3 类；长度达到 10 位时，至少 2 类即可',
    );
  });

  it('when a password is too long, then the explanation names the maximum of 128', () => {
    expect(describePasswordProblem('too_long', 'candidate')).toBe('密码不能超过 128 位。');
  });
});
