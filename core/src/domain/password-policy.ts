/**
 * Password rules. Staff accounts carry more power and follow a stricter policy. A candidate's
 * password needs 3 of the 4 classes at 8 characters, or 2 classes from `longLength` characters on
 * (a long passphrase of letters and digits is as strong as a short mixed one).
 */
export const PASSWORD_POLICY = {
  staff: { minLength: 12, minClasses: 3, longLength: null, longMinClasses: 3 },
  candidate: { minLength: 8, minClasses: 3, longLength: 10, longMinClasses: 2 },
  maxLength: 128,
} as const;

export type PasswordProblem =
  | 'too_short'
  | 'too_long'
  | 'too_few_character_classes'
  | 'contains_username'
  | 'contains_personal_data'
  | 'whitespace_only';

/** Length in Unicode code points, so a rare Chinese character counts once. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Count lower, upper, digit and symbol classes present in a password. */
function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

/** The fewest character classes a password of this length needs under the kind's policy. */
export function requiredCharacterClasses(length: number, kind: 'staff' | 'candidate'): number {
  const policy = PASSWORD_POLICY[kind];
  return policy.longLength !== null && length >= policy.longLength
    ? policy.longMinClasses
    : policy.minClasses;
}

/**
 * Check a password against the policy of its account kind; returns every problem found.
 * `personal` lists values the password must not contain (a candidate's document and mobile
 * numbers); values shorter than six characters are not checked.
 */
export function checkPassword(
  password: string,
  kind: 'staff' | 'candidate',
  username?: string,
  personal: readonly (string | undefined)[] = [],
): PasswordProblem[] {
  const policy = PASSWORD_POLICY[kind];
  const problems: PasswordProblem[] = [];
  const length = codePoints(password);
  if (password.trim().length === 0) problems.push('whitespace_only');
  if (length < policy.minLength) problems.push('too_short');
  if (length > PASSWORD_POLICY.maxLength) problems.push('too_long');
  if (characterClasses(password) < requiredCharacterClasses(length, kind)) {
    problems.push('too_few_character_classes');
  }
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    problems.push('contains_username');
  }
  if (personal.some((value) => value && value.length >= 6 && lower.includes(value.toLowerCase()))) {
    problems.push('contains_personal_data');
  }
  return problems;
}

/** Chinese explanation of each password problem, telling the user what to do. */
export function describePasswordProblem(
  problem: PasswordProblem,
  kind: 'staff' | 'candidate',
): string {
  const policy = PASSWORD_POLICY[kind];
  switch (problem) {
    case 'too_short':
      return `密码至少需要 ${policy.minLength} 位，请加长后重试。`;
    case 'too_long':
      return `密码不能超过 ${PASSWORD_POLICY.maxLength} 位。`;
    case 'too_few_character_classes':
      return policy.longLength === null
        ? `密码需包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类。`
        : `密码需包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类；长度达到 ${policy.longLength} 位时，至少 ${policy.longMinClasses} 类即可。`;
    case 'contains_username':
      return '密码不能包含用户名，请换一个密码。';
    case 'contains_personal_data':
      return '密码不能包含证件号码或手机号码，请换一个密码。';
    case 'whitespace_only':
      return '密码不能全部为空格。';
  }
}
