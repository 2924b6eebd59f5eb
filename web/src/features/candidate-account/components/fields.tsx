import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import {
  checkPassword,
  describePasswordProblem,
  ELIGIBILITY_LABELS,
  emailInputSchema,
  IDENTITY_DOCUMENT_TYPES,
  mobileInputSchema,
  parseIdentityDocument,
  personNameInputSchema,
  verificationCodeSchema,
  type IdentityDocumentType,
  type VerificationCodeSent,
} from '@hqe/core';
import { Button, Form, Input, Select, Space } from 'antd';
import { useEffect, useId, useState } from 'react';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { schemaRule } from '../../../lib/form-rules';
import { candidateAccountMessages as m } from '../messages';

/** Today in Shanghai, 'YYYY-MM-DD': a birth date after it is refused. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** 证件类型 and 证件号码, the number checked against the chosen type as the candidate leaves it. */
export function DocumentFields() {
  const form = Form.useFormInstance();
  const type = Form.useWatch<IdentityDocumentType | undefined>('documentType', form);
  return (
    <>
      <Form.Item
        name="documentType"
        label={m.documentTypeLabel}
        rules={[{ required: true, message: m.documentTypeRequired }]}
      >
        <Select
          size="large"
          onChange={() => {
            if (form.getFieldValue('documentNumber')) void form.validateFields(['documentNumber']);
          }}
          options={IDENTITY_DOCUMENT_TYPES.map((value) => ({
            value,
            label: ELIGIBILITY_LABELS.identityDocument[value],
          }))}
        />
      </Form.Item>
      <Form.Item
        name="documentNumber"
        label={m.documentNumberLabel}
        extra={type ? m.documentNumberHelp[type] : undefined}
        validateTrigger="onBlur"
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              const chosen = form.getFieldValue('documentType') as IdentityDocumentType | undefined;
              if (!chosen) return;
              const result = parseIdentityDocument(
                chosen,
                typeof value === 'string' ? value : '',
                shanghaiToday(),
              );
              if (!result.ok) throw new Error(result.message);
            },
          },
        ]}
      >
        <Input
          size="large"
          placeholder={m.documentNumberPlaceholder}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          maxLength={40}
        />
      </Form.Item>
    </>
  );
}

export function NameField() {
  return (
    <Form.Item
      name="name"
      label={m.nameLabel}
      extra={m.nameHelp}
      validateTrigger="onBlur"
      rules={[schemaRule(personNameInputSchema)]}
    >
      <Input size="large" placeholder={m.namePlaceholder} autoComplete="name" maxLength={60} />
    </Form.Item>
  );
}

export function MobileField({
  name = 'mobile',
  label = m.mobileLabel,
}: {
  name?: string;
  label?: string;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      validateTrigger="onBlur"
      rules={[schemaRule(mobileInputSchema)]}
    >
      <Input
        size="large"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        placeholder={m.mobilePlaceholder}
        maxLength={20}
      />
    </Form.Item>
  );
}

export function EmailField() {
  return (
    <Form.Item
      name="email"
      label={m.emailLabel}
      validateTrigger="onBlur"
      rules={[schemaRule(emailInputSchema)]}
    >
      <Input
        size="large"
        type="email"
        inputMode="email"
        autoComplete="email"
        placeholder={m.emailPlaceholder}
        maxLength={254}
      />
    </Form.Item>
  );
}

function retryAfterOf(error: unknown): number | null {
  if (!isApiError(error, 'rate_limited')) return null;
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'retryAfterSeconds' in details) {
    const seconds = details.retryAfterSeconds;
    if (typeof seconds === 'number' && seconds > 0 && seconds <= 120) return seconds;
  }
  return null;
}

/**
 * The 验证码 field with its 获取验证码 button: checks the fields the code goes to first, then asks
 * for the code and counts down until another may be asked. What happened is announced politely to
 * screen readers under the field.
 */
export function CodeField({
  send,
  validateFirst,
  generic = false,
}: {
  send: () => Promise<VerificationCodeSent>;
  /** Fields that must be valid before a code is asked (the mobile number, the e-mail address). */
  validateFirst: string[];
  /** Say "if the account exists" instead of naming where the code went (password reset). */
  generic?: boolean;
}) {
  const form = Form.useFormInstance();
  const statusId = useId();
  const [countdown, setCountdown] = useState(0);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const ask = async () => {
    try {
      await form.validateFields(validateFirst);
    } catch {
      return;
    }
    setPending(true);
    setStatus(null);
    try {
      const sent = await send();
      const minutes = Math.round(sent.expiresInSeconds / 60);
      setStatus({
        text:
          sent.sentTo && !generic ? m.codeSentTo(sent.sentTo, minutes) : m.codeSentGeneric(minutes),
        error: false,
      });
      setCountdown(sent.resendAfterSeconds);
    } catch (error) {
      setStatus({ text: errorMessageOf(error), error: true });
      const retry = retryAfterOf(error);
      if (retry) setCountdown(retry);
    } finally {
      setPending(false);
    }
  };

  return (
    <Form.Item label={m.codeLabel} required>
      <Space.Compact block>
        <Form.Item
          name="code"
          noStyle
          validateTrigger="onBlur"
          rules={[schemaRule(verificationCodeSchema)]}
        >
          <Input
            size="large"
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder={m.codePlaceholder}
            maxLength={6}
            aria-label={m.codeLabel}
            aria-describedby={statusId}
          />
        </Form.Item>
        <Button
          size="large"
          onClick={() => void ask()}
          disabled={countdown > 0}
          loading={pending}
          className="code-button"
        >
          {pending ? m.sendingCode : countdown > 0 ? m.resendIn(countdown) : m.getCode}
        </Button>
      </Space.Compact>
      <p
        id={statusId}
        role="status"
        aria-live="polite"
        className={status?.error ? 'code-status code-status-error' : 'code-status'}
      >
        {status?.text}
      </p>
    </Form.Item>
  );
}

/** 密码 and 确认密码, with a live checklist of the candidate password rule. */
export function PasswordFields({
  name = 'password',
  label = m.passwordLabel,
  personal = [],
}: {
  name?: string;
  label?: string;
  /** The document and mobile numbers typed on the same form. */
  personal?: (string | undefined)[];
}) {
  const form = Form.useFormInstance();
  const password = Form.useWatch<string | undefined>(name, form) ?? '';
  const rulesId = useId();
  const problems =
    password === '' ? null : checkPassword(password, 'candidate', undefined, personal);
  const rules = [
    { key: 'too_short', text: m.ruleLength },
    { key: 'too_few_character_classes', text: m.ruleClasses },
    { key: 'contains_personal_data', text: m.rulePersonal },
  ] as const;
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        validateTrigger="onBlur"
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              const text = typeof value === 'string' ? value : '';
              if (text === '') throw new Error('请输入密码');
              const found = checkPassword(text, 'candidate', undefined, personal);
              const [first] = found;
              if (first) throw new Error(describePasswordProblem(first, 'candidate'));
            },
          },
        ]}
      >
        <Input.Password size="large" autoComplete="new-password" aria-describedby={rulesId} />
      </Form.Item>
      <ul className="password-rules" id={rulesId} aria-label={m.passwordRulesLabel}>
        {rules.map((rule) => {
          const met = problems !== null && !problems.some((p) => p === rule.key);
          return (
            <li key={rule.key} className={met ? 'password-rule met' : 'password-rule'}>
              {met ? <CheckCircleFilled aria-hidden /> : <MinusCircleOutlined aria-hidden />}
              <span className="visually-hidden">{met ? m.met : m.notMet}</span>
              {rule.text}
            </li>
          );
        })}
      </ul>
      <Form.Item
        name={`${name}Confirm`}
        label={m.confirmPasswordLabel}
        dependencies={[name]}
        validateTrigger="onBlur"
        rules={[
          { required: true, message: m.confirmPasswordRequired },
          {
            validator: async (_rule, value: unknown) => {
              if (value && value !== form.getFieldValue(name)) throw new Error(m.passwordMismatch);
            },
          },
        ]}
      >
        <Input.Password size="large" autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
