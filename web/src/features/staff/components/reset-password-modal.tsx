import type { StaffAccount } from '@hqe/core';
import { App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { PasswordRequirements } from '../../../components/password-requirements';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { passwordPolicyRule, sameAsRule } from '../../../lib/password-rules';
import { generateStaffPassword } from '../../../lib/random-password';
import { useResetStaffPassword } from '../api/reset-staff-password';
import { staffMessages as m } from '../messages';

interface Values {
  newPassword: string;
  confirmPassword: string;
}

/** Set a new password for a staff member (the admin tells them through a safe channel). */
export function ResetPasswordModal({
  account,
  onClose,
}: {
  account: StaffAccount | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useResetStaffPassword();
  const [formError, setFormError] = useState<string | null>(null);
  const [visible, setVisible] = useState(false);
  const password = Form.useWatch('newPassword', form);

  const close = () => {
    form.resetFields();
    setFormError(null);
    setVisible(false);
    onClose();
  };

  const submit = (values: Values) => {
    if (!account) return;
    setFormError(null);
    mutation.mutate(
      { id: account.id, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(m.resetDone(account));
          close();
        },
        onError: (error) => {
          const fieldErrors = fieldErrorsOf(error, ['newPassword']);
          if (fieldErrors.length > 0) form.setFields(fieldErrors);
          else setFormError(errorMessageOf(error));
        },
      },
    );
  };

  const generate = () => {
    const next = generateStaffPassword(account?.username);
    form.setFieldsValue({ newPassword: next, confirmPassword: next });
    setVisible(true);
    void form.validateFields(['newPassword', 'confirmPassword']);
  };

  return (
    <FormModal
      open={account !== null}
      title={account ? m.resetTitle(account) : ''}
      submitText={m.resetSubmit}
      pending={mutation.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        form={form}
        name="reset-password"
        layout="vertical"
        onFinish={submit}
        aria-label={account ? m.resetTitle(account) : m.resetPassword}
        onValuesChange={() => setFormError(null)}
      >
        <FormErrorAlert title={m.resetFailedTitle} error={formError} />
        <Form.Item label={m.newPasswordLabel} required htmlFor="reset-password_newPassword">
          <Space.Compact block>
            <Form.Item
              name="newPassword"
              noStyle
              rules={[passwordPolicyRule('staff', () => account?.username)]}
            >
              <Input.Password
                autoComplete="new-password"
                visibilityToggle={{ visible, onVisibleChange: setVisible }}
              />
            </Form.Item>
            <Button onClick={generate}>{m.generatePassword}</Button>
          </Space.Compact>
        </Form.Item>
        <PasswordRequirements password={password} kind="staff" username={account?.username} />
        <Form.Item
          name="confirmPassword"
          label={m.confirmPasswordLabel}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: m.confirmPasswordRequired },
            sameAsRule(() => form.getFieldValue('newPassword')),
          ]}
        >
          <Input.Password
            autoComplete="new-password"
            visibilityToggle={{ visible, onVisibleChange: setVisible }}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
