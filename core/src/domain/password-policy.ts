/** Password rules. Staff accounts carry more power and follow a stricter policy. */
export const PASSWORD_POLICY = {
  staff: { minLength: 12, minClasses: 3 },
  candidate: { minLength: 8, minClasses: 2 },
  maxLength: 128,
} as const;

export type PasswordProblem =
  'too_short' | 'too_long' | 'too_few_character_classes' | 'contains_username' | 'whitespace_only';

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

/** Check a password against the policy of its account kind; returns every problem found. */
export function checkPassword(
  password: string,
  kind: 'staff' | 'candidate',
  username?: string,
): PasswordProblem[] {
  const policy = PASSWORD_POLICY[kind];
  const problems: PasswordProblem[] = [];
  if (password.trim().length === 0) problems.push('whitespace_only');
  if (codePoints(password) < policy.minLength) problems.push('too_short');
  if (codePoints(password) > PASSWORD_POLICY.maxLength) problems.push('too_long');
  if (characterClasses(password) < policy.minClasses) problems.push('too_few_character_classes');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('contains_username');
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
      return `密码需包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类。`;
    case 'contains_username':
      return '密码不能包含用户名，请换一个密码。';
    case 'whitespace_only':
      return '密码不能全部为空格。';
  }
}
