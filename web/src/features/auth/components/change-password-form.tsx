import type { AccountView } from '@hqe/core';
import { Button, Form, Input } from 'antd';
import { FormErrorAlert } from '../../../components/form-modal';
import { useState } from 'react';
import { PasswordRequirements } from '../../../components/password-requirements';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { passwordPolicyRule, sameAsRule } from '../../../lib/password-rules';
import { useChangePassword } from '../api/change-password';
import { authMessages as m } from '../messages';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Change one's own password, with the policy of the account kind checked as the user types. */
export function ChangePasswordForm({
  account,
  onSuccess,
}: {
  account: AccountView;
  onSuccess: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form);
  const mutation = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);
  const kind = account.kind;

  const submit = ({ currentPassword, newPassword: next }: Values) => {
    setFormError(null);
    mutation.mutate(
      { currentPassword, newPassword: next },
      {
        onSuccess: () => {
          form.resetFields();
          onSuccess();
        },
        onError: (error) => {
          const fieldErrors = fieldErrorsOf(error, ['currentPassword', 'newPassword']);
          if (fieldErrors.length > 0) form.setFields(fieldErrors);
          else setFormError(errorMessageOf(error));
        },
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      name="change-password"
      layout="vertical"
      onFinish={submit}
      aria-label={m.changePasswordTitle}
      className="narrow-form"
    >
      <FormErrorAlert title={m.changePasswordFailedTitle} error={formError} />
      <Form.Item
        name="currentPassword"
        label={m.currentPasswordLabel}
        rules={[{ required: true, message: m.currentPasswordRequired }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={m.newPasswordLabel}
        required
        rules={[
          passwordPolicyRule(kind, () => account.username),
          {
            validator: async (_rule, value: unknown) => {
              if (value && value === form.getFieldValue('currentPassword')) {
                throw new Error(m.newSameAsCurrent);
              }
            },
          },
        ]}
        extra={
          <PasswordRequirements password={newPassword} kind={kind} username={account.username} />
        }
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={m.confirmPasswordLabel}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: m.confirmPasswordRequired },
          sameAsRule(() => form.getFieldValue('newPassword')),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        {m.changePasswordSubmit}
      </Button>
    </Form>
  );
}
