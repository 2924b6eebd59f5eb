import {
  CERTAINTY_LABELS,
  ELIGIBILITY_LABELS,
  EXAM_MODE_LABELS,
  EXAM_MODE_LIST,
  updateSpecialtyRequestSchema,
  type AdminSpecialty,
  type ExamMode,
} from '@hqe/core';
import { App, Form, Input, Radio, Select } from 'antd';
import { useId, useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { useUpdateSpecialty } from '../api/update-specialty';
import { CATEGORY_LABELS, examAdminMessages as m } from '../messages';

interface Values {
  name?: string;
  subjects?: string[];
  examMode?: ExamMode;
  certainty?: AdminSpecialty['certainty'];
}
const FIELDS = ['name', 'subjects', 'examMode', 'certainty'] as const;
const fields = updateSpecialtyRequestSchema.shape;

/** Change one specialty's name, subjects, exam mode or certainty (platform admins). */
export function SpecialtyModal({
  specialty,
  onClose,
}: {
  specialty: AdminSpecialty | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateSpecialty();
  const [formError, setFormError] = useState<string | null>(null);
  const modeLabelId = useId();
  const certaintyLabelId = useId();
  const title = specialty ? m.editSpecialtyTitle(specialty.code, specialty.name) : '';

  const close = () => {
    form.resetFields();
    setFormError(null);
    onClose();
  };

  const submit = (values: Values) => {
    if (!specialty) return;
    setFormError(null);
    update.mutate(
      {
        id: specialty.id,
        name: (values.name ?? '').trim(),
        subjects: (values.subjects ?? []).map((s) => s.trim()).filter((s) => s !== ''),
        examMode: values.examMode ?? specialty.examMode,
        certainty: values.certainty ?? specialty.certainty,
      },
      {
        onSuccess: (saved) => {
          void message.success(m.specialtySaved(saved.code, saved.name));
          close();
        },
        onError: (error) => {
          const fieldErrors = fieldErrorsOf(error, FIELDS);
          if (fieldErrors.length > 0) form.setFields(fieldErrors);
          else setFormError(errorMessageOf(error));
        },
      },
    );
  };

  return (
    <FormModal
      open={specialty !== null}
      title={title}
      submitText={m.specialtySubmit}
      pending={update.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      {specialty && (
        <Form<Values>
          form={form}
          name="specialty"
          layout="vertical"
          onFinish={submit}
          aria-label={title}
          initialValues={{
            name: specialty.name,
            subjects: specialty.subjects,
            examMode: specialty.examMode,
            certainty: specialty.certainty,
          }}
          onValuesChange={() => setFormError(null)}
        >
          <FormErrorAlert title={m.specialtySaveFailedTitle} error={formError} />
          <p className="form-note">
            <span className="mono">{specialty.code}</span> ·{' '}
            {ELIGIBILITY_LABELS.level[specialty.level]} · {CATEGORY_LABELS[specialty.category]}
            <br />
            {m.specialtyFixedFields}
          </p>
          <Form.Item
            name="name"
            label={m.specialtyNameLabel}
            required
            rules={[schemaRule(fields.name)]}
            validateTrigger="onBlur"
          >
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="subjects"
            label={m.specialtySubjectsLabel}
            extra={m.specialtySubjectsHelp}
            required
            rules={[schemaRule(fields.subjects)]}
          >
            <Select<string[]>
              mode="tags"
              open={false}
              suffix={null}
              tokenSeparators={['、', '，', ',']}
              maxCount={8}
            />
          </Form.Item>
          <Form.Item
            name="examMode"
            label={<span id={modeLabelId}>{m.specialtyExamModeLabel}</span>}
            required
          >
            <Radio.Group aria-labelledby={modeLabelId}>
              {EXAM_MODE_LIST.map((mode) => (
                <Radio key={mode} value={mode}>
                  {EXAM_MODE_LABELS[mode]}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="certainty"
            label={<span id={certaintyLabelId}>{m.specialtyCertaintyLabel}</span>}
            extra={m.specialtyCertaintyHelp}
            required
          >
            <Radio.Group aria-labelledby={certaintyLabelId}>
              <Radio value="sourced">{CERTAINTY_LABELS.sourced}</Radio>
              <Radio value="uncertain">{CERTAINTY_LABELS.uncertain}</Radio>
            </Radio.Group>
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}
