import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { candidateIdentifierSchema, type SessionView } from '@hqe/core';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { useCandidateLogin } from '../api/signup';
import { candidateAccountMessages as m } from '../messages';

interface Values {
  username: string;
  password: string;
}

/** 考生登录: document number or mobile number and password; the server's reason shows inline. */
export function CandidateLoginForm({ onSuccess }: { onSuccess: (session: SessionView) => void }) {
  const [form] = Form.useForm<Values>();
  const login = useCandidateLogin();
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setFormError(null);
    login.mutate(values, {
      onSuccess,
      onError: (error) => {
        const fieldErrors = fieldErrorsOf(error, ['username', 'password']);
        if (fieldErrors.length > 0) form.setFields(fieldErrors);
        else setFormError(errorMessageOf(error));
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <Form<Values>
      form={form}
      name="candidate-login"
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      onValuesChange={() => setFormError(null)}
      aria-label={m.loginSubmit}
      className="login-form"
    >
      <FormErrorAlert title={m.loginFailedTitle} error={formError} />
      <Form.Item
        name="username"
        label={m.identifierLabel}
        validateTrigger="onBlur"
        rules={[schemaRule(candidateIdentifierSchema)]}
      >
        <Input
          prefix={<UserOutlined aria-hidden />}
          placeholder={m.identifierPlaceholder}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          size="large"
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={m.passwordLabel}
        rules={[{ required: true, message: '请输入密码' }]}
        validateTrigger="onBlur"
      >
        <Input.Password
          prefix={<LockOutlined aria-hidden />}
          placeholder="请输入密码"
          autoComplete="current-password"
          size="large"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
        {login.isPending ? m.loginSubmitting : m.loginSubmit}
      </Button>
    </Form>
  );
}
