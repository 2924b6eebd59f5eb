import type { IdentityDocumentType } from './eligibility/profile';

/**
 * Identity documents (证件), mobile numbers and names as a candidate enters them at sign-up:
 * normalisation, format checks with a specific Chinese message per failure, and what a document
 * tells about its holder (gender, birth date). Pure: `today` is passed in.
 *
 * Formats (see docs/decisions/0008-verification-codes-and-delivery.md, "Document formats"):
 * - 居民身份证 (GB 11643-1999): 6-digit region code, birth date YYYYMMDD, 3-digit sequence (odd
 *   for men, even for women), ISO 7064 MOD 11-2 check character (0–9 or X).
 * - 港澳台居民居住证: the same 18-character format with the region code 810000 (香港), 820000
 *   (澳门) or 830000 (台湾).
 * - 港澳居民来往内地通行证: H (香港) or M (澳门) followed by 8 digits (the card issued since
 *   2013), or by 10 digits (the older form: 8 digits and a 2-digit issue count).
 * - 台湾居民来往大陆通行证: 8 digits (the card issued since 2015); the older booklet number had
 *   a 2-character suffix: 2 digits (issue count) or a check letter, often written in brackets —
 *   "12345678(B)" is kept as "12345678B".
 * - 外国人永久居留身份证: the 2004 card has 15 characters (3-letter nationality code and 12
 *   digits); the 2023 card has 18: "9", a 2-digit province code, a 3-digit nationality code, birth
 *   date, a 3-digit sequence (odd/even = man/woman) and the GB 11643 check character.
 * - 护照: 5 to 20 letters and digits (foreign passports vary).
 */

export type Gender = 'male' | 'female';

export type IdentityDocumentProblem =
  | 'empty'
  | 'invalid_characters'
  | 'wrong_length'
  | 'wrong_format'
  | 'invalid_region'
  | 'hmt_prefix'
  | 'resident_id_prefix'
  | 'invalid_birth_date'
  | 'future_birth_date'
  | 'invalid_check_digit';

export interface ParsedIdentityDocument {
  type: IdentityDocumentType;
  /** The normalised number: half-width, upper case, no spaces or brackets. */
  number: string;
  /** Present when the document carries it. */
  gender?: Gender;
  /** 'YYYY-MM-DD', present when the document carries it. */
  birthDate?: string;
}

export type IdentityDocumentResult =
  | { ok: true; document: ParsedIdentityDocument }
  | { ok: false; problem: IdentityDocumentProblem; message: string };

/** Province-level codes of GB/T 2260 used on mainland resident identity cards. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', // 北京 天津 河北 山西 内蒙古
  '21', '22', '23', // 辽宁 吉林 黑龙江
  '31', '32', '33', '34', '35', '36', '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41', '42', '43', '44', '45', '46', // 河南 湖北 湖南 广东 广西 海南
  '50', '51', '52', '53', '54', // 重庆 四川 贵州 云南 西藏
  '61', '62', '63', '64', '65', // 陕西 甘肃 青海 宁夏 新疆
]); // prettier-ignore

/** The region codes of 港澳台居民居住证 (香港, 澳门, 台湾). */
export const HMT_RESIDENCE_PERMIT_PREFIXES = ['810000', '820000', '830000'] as const;

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const GB11643_CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of an 18-character number. */
export function gb11643CheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new Error('gb11643CheckCharacter needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (GB11643_WEIGHTS[i] ?? 0);
  return GB11643_CHECK.charAt(sum % 11);
}

/**
 * Full-width ASCII (Ａ１（ …) to half-width, the ideographic space to a space: what a Chinese input
 * method often produces.
 */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Trims, converts to half-width, drops spaces, hyphens and brackets, upper-cases letters. */
export function normalizeDocumentNumber(raw: string): string {
  return toHalfWidth(raw)
    .replace(/[\s\-()]/g, '')
    .toUpperCase();
}

/** Whether 'YYYYMMDD' is a real calendar date; returns it as 'YYYY-MM-DD' or null. */
function calendarDate(yyyymmdd: string): string | null {
  const match = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(yyyymmdd);
  if (!match) return null;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${y}-${m}-${d}`;
}

const LABELS: Record<IdentityDocumentType, string> = {
  resident_id: '居民身份证',
  hmt_residence_permit: '港澳台居民居住证',
  hk_macao_pass: '港澳居民来往内地通行证',
  taiwan_pass: '台湾居民来往大陆通行证',
  foreign_permanent_residence_id: '外国人永久居留身份证',
  passport: '护照',
};

/** Length in Unicode code points: a rare character outside the BMP counts once. */
function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function fail(problem: IdentityDocumentProblem, message: string): IdentityDocumentResult {
  return { ok: false, problem, message };
}

/**
 * Checks the 18-character GB 11643 layout shared by 居民身份证, 港澳台居民居住证 and the 2023
 * 外国人永久居留身份证: birth date at 7–14, sequence at 15–17 (odd = male), check character.
 */
function parseGb11643(
  type: IdentityDocumentType,
  number: string,
  today: string,
): IdentityDocumentResult {
  const label = LABELS[type];
  if (!/^[0-9]{17}[0-9X]$/.test(number)) {
    return fail(
      'invalid_characters',
      `${label}号码应由 17 位数字和最后 1 位数字或字母 X 组成，请核对后重新输入。`,
    );
  }
  const birthDate = calendarDate(number.slice(6, 14));
  if (!birthDate) {
    return fail(
      'invalid_birth_date',
      `${label}号码中的出生日期（第 7 至 14 位）无效，请核对后重新输入。`,
    );
  }
  if (birthDate > today) {
    return fail('future_birth_date', `${label}号码中的出生日期晚于今天，请核对后重新输入。`);
  }
  if (gb11643CheckCharacter(number.slice(0, 17)) !== number.charAt(17)) {
    return fail(
      'invalid_check_digit',
      `${label}号码的校验位（最后 1 位）不正确，请逐位核对证件后重新输入。`,
    );
  }
  const gender: Gender = Number(number.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, document: { type, number, gender, birthDate } };
}

/**
 * Normalises and checks a document number of the given type. On success returns the normalised
 * number and, where the document carries them, the holder's gender and birth date.
 * `today` is the date in the exam area ('YYYY-MM-DD'): a birth date after it is refused.
 */
export function parseIdentityDocument(
  type: IdentityDocumentType,
  raw: string,
  today: string,
): IdentityDocumentResult {
  const number = normalizeDocumentNumber(raw);
  const label = LABELS[type];
  if (number === '') return fail('empty', `请输入${label}号码。`);

  switch (type) {
    case 'resident_id':
    case 'hmt_residence_permit': {
      if (number.length !== 18) {
        return fail(
          'wrong_length',
          `${label}号码应为 18 位，您输入了 ${codePointLength(number)} 位，请核对后重新输入。`,
        );
      }
      const prefix = number.slice(0, 6);
      const isHmt = (HMT_RESIDENCE_PERMIT_PREFIXES as readonly string[]).includes(prefix);
      if (type === 'resident_id') {
        if (isHmt) {
          return fail(
            'hmt_prefix',
            '以 810000、820000 或 830000 开头的是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”。',
          );
        }
        if (/^[0-9]{2}/.test(number) && !PROVINCE_CODES.has(number.slice(0, 2))) {
          return fail(
            'invalid_region',
            '居民身份证号码的前 2 位不是有效的省级行政区划代码，请核对后重新输入。',
          );
        }
      } else if (!isHmt) {
        if (/^[0-9]{2}/.test(number) && PROVINCE_CODES.has(number.slice(0, 2))) {
          return fail(
            'resident_id_prefix',
            '港澳台居民居住证号码以 810000（香港）、820000（澳门）或 830000（台湾）开头；内地居民请将证件类型选为“居民身份证”。',
          );
        }
        return fail(
          'invalid_region',
          '港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头，请核对后重新输入。',
        );
      }
      return parseGb11643(type, number, today);
    }

    case 'hk_macao_pass': {
      if (!/^[A-Z0-9]+$/.test(number)) {
        return fail('invalid_characters', `${label}号码只能包含字母和数字，请核对后重新输入。`);
      }
      if (!/^[HM]/.test(number)) {
        return fail(
          'wrong_format',
          `${label}号码以字母 H（香港居民）或 M（澳门居民）开头，后接 8 位数字，请核对后重新输入。`,
        );
      }
      if (!/^[HM][0-9]+$/.test(number)) {
        return fail(
          'wrong_format',
          `${label}号码的字母 H 或 M 之后应全部为数字，请核对后重新输入。`,
        );
      }
      if (number.length !== 9 && number.length !== 11) {
        return fail(
          'wrong_length',
          `${label}号码应为字母 H 或 M 加 8 位数字（旧版为加 10 位数字），请核对后重新输入。`,
        );
      }
      return { ok: true, document: { type, number } };
    }

    case 'taiwan_pass': {
      if (!/^[A-Z0-9]+$/.test(number)) {
        return fail(
          'invalid_characters',
          `${label}号码只能包含数字（旧版可带 1 位字母），请核对后重新输入。`,
        );
      }
      if (/^[0-9]{8}$/.test(number) || /^[0-9]{8}([0-9]{2}|[A-Z])$/.test(number)) {
        return { ok: true, document: { type, number } };
      }
      if (!/^[0-9]{8}/.test(number) && !/^[0-9]+$/.test(number)) {
        return fail(
          'wrong_format',
          `${label}号码为 8 位数字（旧版在 8 位数字后另有 2 位数字或 1 位字母），请核对后重新输入。`,
        );
      }
      return fail(
        'wrong_length',
        `${label}号码应为 8 位数字（旧版为 10 位数字，或 8 位数字加 1 位字母），请核对后重新输入。`,
      );
    }

    case 'foreign_permanent_residence_id': {
      if (!/^[A-Z0-9]+$/.test(number)) {
        return fail('invalid_characters', `${label}号码只能包含字母和数字，请核对后重新输入。`);
      }
      if (number.length === 15) {
        if (!/^[A-Z]{3}[0-9]{12}$/.test(number)) {
          return fail(
            'wrong_format',
            `15 位的${label}号码（2004 年版）应为 3 位字母加 12 位数字，请核对后重新输入。`,
          );
        }
        return { ok: true, document: { type, number } };
      }
      if (number.length === 18) {
        if (!number.startsWith('9')) {
          return fail(
            'wrong_format',
            `18 位的${label}号码（2023 年版）以数字 9 开头，请核对后重新输入。`,
          );
        }
        return parseGb11643(type, number, today);
      }
      return fail(
        'wrong_length',
        `${label}号码应为 18 位（2023 年版）或 15 位（2004 年版），您输入了 ${codePointLength(number)} 位，请核对后重新输入。`,
      );
    }

    case 'passport': {
      if (!/^[A-Z0-9]+$/.test(number)) {
        return fail('invalid_characters', '护照号码只能包含字母和数字，请核对后重新输入。');
      }
      if (number.length < 5 || number.length > 20) {
        return fail('wrong_length', '护照号码应为 5 至 20 位字母或数字，请核对后重新输入。');
      }
      return { ok: true, document: { type, number } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Mobile numbers

export type MobileProblem = 'empty' | 'invalid_characters' | 'wrong_format';

export type MobileResult =
  | { ok: true; mobile: string; region: 'mainland' | 'hk' | 'macao' | 'taiwan' }
  | { ok: false; problem: MobileProblem; message: string };

/**
 * Checks a mobile number and returns its canonical form: 11 digits for the mainland (a leading
 * +86 or 0086 is dropped), or "+852…", "+853…", "+886…" for 香港 (8 digits, starting 4–9), 澳门
 * (8 digits starting 6) and 台湾 (9 digits starting 9; a local "09…" needs the +886 prefix).
 * Candidates from Hong Kong, Macao and Taiwan may register (P2), so their numbers are accepted.
 */
export function parseMobile(raw: string): MobileResult {
  const text = toHalfWidth(raw).replace(/[\s\-()]/g, '');
  if (text === '') return { ok: false, problem: 'empty', message: '请输入手机号码。' };
  if (!/^\+?[0-9]+$/.test(text)) {
    return {
      ok: false,
      problem: 'invalid_characters',
      message: '手机号码只能包含数字（港澳台号码可带 + 号和区号），请核对后重新输入。',
    };
  }
  const international = text.startsWith('+')
    ? text.slice(1)
    : text.startsWith('00')
      ? text.slice(2)
      : null;
  if (international === null || international.startsWith('86')) {
    const local = international === null ? text : international.slice(2);
    if (/^1[3-9][0-9]{9}$/.test(local)) return { ok: true, mobile: local, region: 'mainland' };
  } else if (/^852[4-9][0-9]{7}$/.test(international)) {
    return { ok: true, mobile: `+${international}`, region: 'hk' };
  } else if (/^8536[0-9]{7}$/.test(international)) {
    return { ok: true, mobile: `+${international}`, region: 'macao' };
  } else if (/^8869[0-9]{8}$/.test(international)) {
    return { ok: true, mobile: `+${international}`, region: 'taiwan' };
  }
  return {
    ok: false,
    problem: 'wrong_format',
    message:
      '手机号码格式不正确：内地号码为以 1 开头的 11 位数字；港澳台号码请加区号，如 +852、+853、+886。',
  };
}

// ---------------------------------------------------------------------------------------------
// Names

export type PersonNameProblem =
  'empty' | 'too_long' | 'invalid_characters' | 'misplaced_separator' | 'mixed_scripts';

export type PersonNameResult =
  { ok: true; name: string } | { ok: false; problem: PersonNameProblem; message: string };

export const PERSON_NAME_MAX_LENGTH = 50;

/** Middle-dot look-alikes typed for the separator of transliterated names (阿依古丽·买买提). */
const MIDDLE_DOTS = /[\u00b7\u2022\u2027\u30fb\u318d\uff65\u2219\u22c5\u0387]/g;

/**
 * Checks a name as written on the document: Chinese characters of any CJK block (rare characters
 * of Extensions B–G included, and 〇), the middle dot "·" between parts, or Latin letters (with
 * accents) for foreign names, with spaces, hyphens, apostrophes and full stops. 1–50 characters
 * counted as code points. Normalises width, the middle-dot variants and repeated spaces.
 */
export function parsePersonName(raw: string): PersonNameResult {
  const name = toHalfWidth(raw.normalize('NFC'))
    .replace(MIDDLE_DOTS, '·')
    .replace(/\s+/g, ' ')
    .trim();
  if (name === '') return { ok: false, problem: 'empty', message: '请输入姓名。' };
  const length = codePointLength(name);
  if (length > PERSON_NAME_MAX_LENGTH) {
    return {
      ok: false,
      problem: 'too_long',
      message: `姓名不能超过 ${PERSON_NAME_MAX_LENGTH} 个字，请按证件填写。`,
    };
  }
  if (!/^[\p{Script=Han}\p{Script=Latin}\p{M}·' .-]+$/u.test(name)) {
    return {
      ok: false,
      problem: 'invalid_characters',
      message:
        '姓名只能包含汉字、字母、间隔号“·”以及外文姓名中的空格、连字符和撇号，请按证件填写。',
    };
  }
  if (/^[·' .-]/.test(name) || /[·'-]$/.test(name) || /[·'.-]{2}/.test(name)) {
    return {
      ok: false,
      problem: 'misplaced_separator',
      message: '姓名中的间隔号、连字符等符号不能在开头、结尾或连续出现，请按证件填写。',
    };
  }
  if (/\p{Script=Han}/u.test(name) && /\p{Script=Latin}/u.test(name)) {
    return {
      ok: false,
      problem: 'mixed_scripts',
      message: '姓名请按证件填写：中文姓名只用汉字，外文姓名只用字母，不要混用。',
    };
  }
  return { ok: true, name };
}
