import { checkPassword, describePasswordProblem } from '@hqe/core';
import type { FormRule } from 'antd';

/** An antd rule checking a new password against the policy of the account kind. */
export function passwordPolicyRule(
  kind: 'staff' | 'candidate',
  username: () => string | undefined,
): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const password = typeof value === 'string' ? value : '';
      if (password === '') throw new Error('请输入密码');
      const problem = checkPassword(password, kind, username())[0];
      if (problem) throw new Error(describePasswordProblem(problem, kind));
    },
  };
}

/** An antd rule checking that a confirmation field repeats the given field. */
export function sameAsRule(
  getOther: () => unknown,
  message = '两次输入的密码不一致，请重新输入',
): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value && value !== getOther()) throw new Error(message);
    },
  };
}
