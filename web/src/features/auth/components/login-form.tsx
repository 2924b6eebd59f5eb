import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { loginNameSchema, type SessionView } from '@hqe/core';
import { Button, Form, Input } from 'antd';
import { FormErrorAlert } from '../../../components/form-modal';
import { useState } from 'react';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { useLogin } from '../api/login';
import { authMessages as m } from '../messages';

interface Values {
  username: string;
  password: string;
}

interface Props {
  /** Candidates log in with an ID number or phone; staff with a username. */
  audience: 'candidate' | 'staff';
  onSuccess: (session: SessionView) => void;
}

/** The login form; shows the server's reason inline when login fails. */
export function LoginForm({ audience, onSuccess }: Props) {
  const [form] = Form.useForm<Values>();
  const loginMutation = useLogin();
  const [formError, setFormError] = useState<string | null>(null);
  const candidate = audience === 'candidate';

  const submit = (values: Values) => {
    setFormError(null);
    // The console says which entrance this is, so the server opens no session for a candidate there.
    loginMutation.mutate(candidate ? values : { ...values, portal: 'console' }, {
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
      name={candidate ? 'candidate-login' : 'staff-login'}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      onValuesChange={() => setFormError(null)}
      aria-label={candidate ? m.candidateLoginTitle : m.staffLoginTitle}
      className="login-form"
    >
      <FormErrorAlert title={m.loginFailedTitle} error={formError} />
      <Form.Item
        name="username"
        label={candidate ? m.candidateUsernameLabel : m.staffUsernameLabel}
        rules={[
          { required: true, message: candidate ? m.usernameRequired : m.staffUsernameRequired },
          schemaRule(loginNameSchema),
        ]}
        validateTrigger="onBlur"
      >
        <Input
          prefix={<UserOutlined aria-hidden />}
          placeholder={candidate ? m.candidateUsernamePlaceholder : m.staffUsernamePlaceholder}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          size="large"
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={m.passwordLabel}
        rules={[{ required: true, message: m.passwordRequired }]}
        validateTrigger="onBlur"
      >
        <Input.Password
          prefix={<LockOutlined aria-hidden />}
          placeholder={m.passwordPlaceholder}
          autoComplete="current-password"
          size="large"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={loginMutation.isPending}>
        {loginMutation.isPending ? m.submitting : m.submit}
      </Button>
    </Form>
  );
}
