import type { IdentityDocumentType, SessionView } from '@hqe/core';
import { Button, Checkbox, Form, Modal } from 'antd';
import { useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { requestSignupCode, useCandidateLogin, useSignup } from '../api/signup';
import { candidateAccountMessages as m } from '../messages';
import { CodeField, DocumentFields, MobileField, NameField, PasswordFields } from './fields';

interface Values {
  documentType: IdentityDocumentType;
  documentNumber: string;
  name: string;
  mobile: string;
  code: string;
  password: string;
  passwordConfirm: string;
  consent: boolean;
}

const FIELDS = [
  'documentType',
  'documentNumber',
  'name',
  'mobile',
  'code',
  'password',
  'consent',
] as const;

/** The field a conflict names (`details.field`), if the form has it. */
function conflictField(error: unknown): (typeof FIELDS)[number] | null {
  if (!isApiError(error, 'conflict')) return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('field' in details)) return null;
  return FIELDS.find((f) => f === details.field) ?? null;
}

/** The privacy notice the candidate agrees to, in a dialog. */
function PrivacyNotice({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal
      open={open}
      title={m.privacyTitle}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {m.privacyClose}
        </Button>
      }
    >
      {m.privacyText.map((text) => (
        <p key={text}>{text}</p>
      ))}
    </Modal>
  );
}

/**
 * 注册账号: document, name, mobile with its code, password and the privacy consent. On success the
 * candidate is logged in with the new account.
 */
export function SignupForm({ onSuccess }: { onSuccess: (session: SessionView) => void }) {
  const [form] = Form.useForm<Values>();
  const signup = useSignup();
  const login = useCandidateLogin();
  const [formError, setFormError] = useState<string | null>(null);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const documentNumber = Form.useWatch('documentNumber', form);
  const mobile = Form.useWatch('mobile', form);

  const submit = (values: Values) => {
    setFormError(null);
    signup.mutate(
      {
        documentType: values.documentType,
        documentNumber: values.documentNumber,
        name: values.name,
        mobile: values.mobile,
        code: values.code,
        password: values.password,
        consent: true,
      },
      {
        onSuccess: () => {
          login.mutate(
            { username: values.documentNumber, password: values.password },
            {
              onSuccess,
              onError: (error) => setFormError(errorMessageOf(error)),
            },
          );
        },
        onError: (error) => {
          const fieldErrors = fieldErrorsOf(error, FIELDS);
          const field = conflictField(error);
          if (fieldErrors.length > 0) form.setFields(fieldErrors);
          else if (field) form.setFields([{ name: field, errors: [errorMessageOf(error)] }]);
          else setFormError(errorMessageOf(error));
        },
      },
    );
  };

  const pending = signup.isPending || login.isPending;
  return (
    <Form<Values>
      form={form}
      name="candidate-signup"
      layout="vertical"
      requiredMark={false}
      initialValues={{ documentType: 'resident_id', consent: false }}
      onFinish={submit}
      onValuesChange={() => setFormError(null)}
      aria-label={m.signupFormLabel}
      scrollToFirstError
    >
      <FormErrorAlert title={m.signupFailedTitle} error={formError} />
      <DocumentFields />
      <NameField />
      <MobileField />
      <CodeField
        validateFirst={['mobile']}
        send={() => requestSignupCode({ mobile: form.getFieldValue('mobile') as string })}
      />
      <PasswordFields personal={[documentNumber, mobile]} />
      <Form.Item
        name="consent"
        valuePropName="checked"
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              if (value !== true) throw new Error(m.consentRequired);
            },
          },
        ]}
      >
        <Checkbox>
          {m.consentPrefix}
          <Button
            type="link"
            className="inline-link"
            onClick={(event) => {
              event.preventDefault();
              setNoticeOpen(true);
            }}
          >
            {m.consentLink}
          </Button>
        </Checkbox>
      </Form.Item>
      <PrivacyNotice open={noticeOpen} onClose={() => setNoticeOpen(false)} />
      <Button type="primary" htmlType="submit" size="large" block loading={pending}>
        {pending ? m.signupSubmitting : m.signupSubmit}
      </Button>
    </Form>
  );
}
