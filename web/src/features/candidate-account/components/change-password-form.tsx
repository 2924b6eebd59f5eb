import type { ChangePasswordRequest } from '@hqe/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { api, errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { useCandidateAccount } from '../api/account';
import { candidateAccountMessages as m } from '../messages';
import { PasswordFields } from './fields';

interface Values {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

/** 修改密码 for a candidate: the candidate rule, checked against the own document and mobile numbers. */
export function CandidateChangePasswordForm() {
  const [form] = Form.useForm<Values>();
  const account = useCandidateAccount();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const mutation = useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post<{ ok: true }>('/api/auth/password', body),
  });
  return (
    <Form<Values>
      form={form}
      name="candidate-change-password"
      layout="vertical"
      requiredMark={false}
      className="narrow-form"
      aria-label={m.passwordTitle}
      onValuesChange={() => {
        setFormError(null);
        setDone(false);
      }}
      onFinish={(values) =>
        mutation.mutate(
          { currentPassword: values.currentPassword, newPassword: values.newPassword },
          {
            onSuccess: () => {
              form.resetFields();
              setDone(true);
            },
            onError: (error) => {
              const fields = fieldErrorsOf(error, ['currentPassword', 'newPassword']);
              if (fields.length > 0) form.setFields(fields);
              else setFormError(errorMessageOf(error));
            },
          },
        )
      }
    >
      {done && (
        <Alert
          className="form-alert"
          type="success"
          showIcon
          title={m.passwordDone}
          role="status"
        />
      )}
      <FormErrorAlert title={m.passwordTitle} error={formError} />
      <Form.Item
        name="currentPassword"
        label={m.currentPasswordLabel}
        rules={[{ required: true, message: m.currentPasswordRequired }]}
      >
        <Input.Password size="large" autoComplete="current-password" />
      </Form.Item>
      <PasswordFields
        name="newPassword"
        label={m.newPasswordLabel}
        personal={[account.data?.documentNumber, account.data?.mobile]}
      />
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        {m.changePasswordSubmit}
      </Button>
    </Form>
  );
}
