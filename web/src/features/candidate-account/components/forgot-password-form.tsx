import { candidateIdentifierSchema, type PasswordResetChannel } from '@hqe/core';
import { Alert, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { ButtonLink } from '../../../components/button-link';
import { FormErrorAlert } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { requestPasswordResetCode, usePasswordReset } from '../api/password-reset';
import { candidateAccountMessages as m } from '../messages';
import { CodeField, PasswordFields } from './fields';

interface Values {
  identifier: string;
  channel: PasswordResetChannel;
  code: string;
  newPassword: string;
  newPasswordConfirm: string;
}

/** 找回密码: the account's identifier, a code to its mobile (or e-mail), and a new password. */
export function ForgotPasswordForm() {
  const [form] = Form.useForm<Values>();
  const reset = usePasswordReset();
  const [formError, setFormError] = useState<string | null>(null);
  const identifier = Form.useWatch('identifier', form);

  if (reset.isSuccess) {
    return (
      <Alert
        type="success"
        showIcon
        title={m.resetDoneTitle}
        description={m.resetDoneText}
        action={
          <ButtonLink to="/login" type="primary">
            {m.loginSubmit}
          </ButtonLink>
        }
      />
    );
  }

  const submit = (values: Values) => {
    setFormError(null);
    reset.mutate(
      {
        identifier: values.identifier,
        channel: values.channel,
        code: values.code,
        newPassword: values.newPassword,
      },
      {
        onError: (error) => {
          const fieldErrors = fieldErrorsOf(error, ['identifier', 'code', 'newPassword']);
          if (fieldErrors.length > 0) form.setFields(fieldErrors);
          else setFormError(errorMessageOf(error));
        },
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      name="forgot-password"
      layout="vertical"
      requiredMark={false}
      initialValues={{ channel: 'sms' }}
      onFinish={submit}
      onValuesChange={() => setFormError(null)}
      aria-label={m.forgotTitle}
    >
      <FormErrorAlert title={m.resetFailedTitle} error={formError} />
      <Form.Item
        name="identifier"
        label={m.identifierLabel}
        validateTrigger="onBlur"
        rules={[schemaRule(candidateIdentifierSchema)]}
      >
        <Input
          size="large"
          placeholder={m.identifierPlaceholder}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
        />
      </Form.Item>
      <Form.Item name="channel" label={m.channelLabel}>
        <Radio.Group
          options={[
            { value: 'sms', label: m.channelSms },
            { value: 'email', label: m.channelEmail },
          ]}
        />
      </Form.Item>
      <CodeField
        generic
        validateFirst={['identifier']}
        send={() =>
          requestPasswordResetCode({
            identifier: form.getFieldValue('identifier') as string,
            channel: form.getFieldValue('channel') as PasswordResetChannel,
          })
        }
      />
      <PasswordFields name="newPassword" label={m.newPasswordLabel} personal={[identifier]} />
      <Button type="primary" htmlType="submit" size="large" block loading={reset.isPending}>
        {reset.isPending ? m.resetSubmitting : m.resetSubmit}
      </Button>
    </Form>
  );
}
