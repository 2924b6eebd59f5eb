import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { checkPassword, PASSWORD_POLICY } from '@hqe/core';

interface Props {
  password: string | undefined;
  kind: 'staff' | 'candidate';
  username?: string | undefined;
  id?: string;
}

/** A live checklist of the password rules, so the user sees what is still missing. */
export function PasswordRequirements({ password = '', kind, username, id }: Props) {
  const policy = PASSWORD_POLICY[kind];
  const problems = password === '' ? null : checkPassword(password, kind, username);
  const rules = [
    { key: 'too_short', text: `至少 ${policy.minLength} 位` },
    {
      key: 'too_few_character_classes',
      text: `包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`,
    },
    ...(username ? [{ key: 'contains_username', text: '不包含用户名' }] : []),
  ] as const;
  return (
    <ul className="password-rules" id={id} aria-label="密码要求">
      {rules.map((rule) => {
        const met = problems !== null && !problems.some((p) => p === rule.key);
        return (
          <li key={rule.key} className={met ? 'password-rule met' : 'password-rule'}>
            {met ? <CheckCircleFilled aria-hidden /> : <MinusCircleOutlined aria-hidden />}
            <span className="visually-hidden">{met ? '已满足：' : '未满足：'}</span>
            {rule.text}
          </li>
        );
      })}
    </ul>
  );
}
