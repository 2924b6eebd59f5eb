import { createExamAreaRequestSchema } from '@hqe/core';
import { App, Form, Input } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import type { ExamAreaRef } from '../../../lib/types';
import { useCreateExamArea, useUpdateExamArea } from '../api/save-exam-area';
import { conflictFieldOf } from '../issues';
import { examAdminMessages as m } from '../messages';

interface Values {
  code?: string;
  name?: string;
}
const FIELDS = ['code', 'name'] as const;

/** Add an exam area (`area` null) or rename one; the code is fixed once created. */
export function ExamAreaModal({
  open,
  area,
  onClose,
}: {
  open: boolean;
  area: ExamAreaRef | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateExamArea();
  const update = useUpdateExamArea();
  const [formError, setFormError] = useState<string | null>(null);
  const title = area ? m.editExamAreaTitle(area.name) : m.createExamAreaTitle;

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
    const name = (values.name ?? '').trim();
    const onSuccess = (saved: ExamAreaRef) => {
      void message.success(area ? m.examAreaUpdated(saved.name) : m.examAreaCreated(saved.name));
      close();
    };
    if (area) update.mutate({ id: area.id, name }, { onSuccess, onError });
    else create.mutate({ code: (values.code ?? '').trim(), name }, { onSuccess, onError });
  };

  return (
    <FormModal
      open={open}
      title={title}
      submitText={area ? m.examAreaSubmitEdit : m.examAreaSubmitCreate}
      pending={create.isPending || update.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        form={form}
        name="exam-area"
        layout="vertical"
        onFinish={submit}
        aria-label={title}
        initialValues={{ code: area?.code ?? '', name: area?.name ?? '' }}
        onValuesChange={() => setFormError(null)}
      >
        <FormErrorAlert title={m.examAreaSaveFailedTitle} error={formError} />
        {area ? (
          <Form.Item label={m.examAreaCodeLabel}>
            <div className="readonly-field mono">{area.code}</div>
          </Form.Item>
        ) : (
          <Form.Item
            name="code"
            label={m.examAreaCodeLabel}
            extra={m.examAreaCodeHelp}
            required
            rules={[schemaRule(createExamAreaRequestSchema.shape.code)]}
            validateTrigger="onBlur"
          >
            <Input maxLength={2} inputMode="numeric" autoComplete="off" spellCheck={false} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={m.examAreaNameLabel}
          extra={m.examAreaNameHelp}
          required
          rules={[schemaRule(createExamAreaRequestSchema.shape.name)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
