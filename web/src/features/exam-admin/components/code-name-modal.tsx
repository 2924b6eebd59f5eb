import { App, Form, Input } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { conflictFieldOf } from '../issues';

interface Values {
  code?: string;
  name?: string;
}
const FIELDS = ['code', 'name'] as const;

export interface CodeNameField {
  label: string;
  help: string;
  schema: Parameters<typeof schemaRule>[0];
  maxLength: number;
}

interface SaveCallbacks<T> {
  onSuccess: (saved: T) => void;
  onError: (error: unknown) => void;
}

/**
 * Adds a record with a code and a name (`existing` null) or renames one; the code is fixed once
 * created. Shared by exam areas and registration cities.
 */
export function CodeNameModal<T extends { name: string }>({
  open,
  onClose,
  formName,
  existing,
  title,
  submitText,
  failedTitle,
  code,
  name,
  pending,
  save,
  savedMessage,
}: {
  open: boolean;
  onClose: () => void;
  formName: string;
  existing: { code: string; name: string } | null;
  title: string;
  submitText: string;
  failedTitle: string;
  code: CodeNameField;
  name: CodeNameField;
  pending: boolean;
  /** Creates (`code` given) or renames (`code` null) and reports through the callbacks. */
  save: (input: { code: string | null; name: string }, callbacks: SaveCallbacks<T>) => void;
  savedMessage: (saved: T) => string;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setFormError(null);
    onClose();
  };

  const onError = (error: unknown) => {
    const fieldErrors = fieldErrorsOf(error, FIELDS);
    const clash = conflictFieldOf(error, FIELDS);
    if (fieldErrors.length > 0) form.setFields(fieldErrors);
    else if (clash) form.setFields([{ name: clash, errors: [errorMessageOf(error)] }]);
    else setFormError(errorMessageOf(error));
  };

  const submit = (values: Values) => {
    setFormError(null);
    const onSuccess = (saved: T) => {
      void message.success(savedMessage(saved));
      close();
    };
    save(
      {
        code: existing ? null : (values.code ?? '').trim(),
        name: (values.name ?? '').trim(),
      },
      { onSuccess, onError },
    );
  };

  return (
    <FormModal
      open={open}
      title={title}
      submitText={submitText}
      pending={pending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        onFinish={submit}
        aria-label={title}
        initialValues={{ code: existing?.code ?? '', name: existing?.name ?? '' }}
        onValuesChange={() => setFormError(null)}
      >
        <FormErrorAlert title={failedTitle} error={formError} />
        {existing ? (
          <Form.Item label={code.label}>
            <div className="readonly-field mono">{existing.code}</div>
          </Form.Item>
        ) : (
          <Form.Item
            name="code"
            label={code.label}
            extra={code.help}
            required
            rules={[schemaRule(code.schema)]}
            validateTrigger="onBlur"
          >
            <Input
              maxLength={code.maxLength}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={name.label}
          extra={name.help}
          required
          rules={[schemaRule(name.schema)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={name.maxLength} autoComplete="off" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
