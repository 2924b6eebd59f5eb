import { createCycleRequestSchema, type CycleView, type ExamView } from '@hqe/core';
import { App, DatePicker, Form, Input, InputNumber, Select, type FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { useCreateCycle, useUpdateCycle } from '../api/save-cycle';
import { conflictFieldOf } from '../issues';
import { examAdminMessages as m } from '../messages';

interface Values {
  examId?: number;
  year?: number | null;
  name?: string;
  workYearsCutoff?: Dayjs | null;
}
const FIELDS = ['examId', 'year', 'name', 'workYearsCutoff'] as const;
const fields = createCycleRequestSchema.shape;

/** The cut-off lies in the year before the exam year or in it (the server checks the same). */
function cutoffRule(getYear: () => number | null | undefined): FormRule {
  return {
    validator: async (_rule, value: Dayjs | null | undefined) => {
      if (!value) throw new Error(m.cycleCutoffRequired);
      const year = getYear();
      if (typeof year !== 'number') return;
      if (value.year() < year - 1 || value.year() > year) {
        throw new Error(m.cycleCutoffOutOfRange(year));
      }
    },
  };
}

/**
 * Add a cycle (`cycle` null) or change one. A new cycle's name and cut-off follow its year until
 * the administrator edits them; an existing cycle keeps its year.
 */
export function CycleModal({
  open,
  cycle,
  exams,
  suggestedYear,
  onClose,
}: {
  open: boolean;
  cycle: CycleView | null;
  exams: ExamView[];
  suggestedYear: number;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateCycle();
  const update = useUpdateCycle();
  const [formError, setFormError] = useState<string | null>(null);
  const title = cycle ? m.editCycleTitle(cycle.name) : m.createCycleTitle;
  const year = Form.useWatch('year', form) ?? cycle?.year ?? suggestedYear;

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
    const body = {
      year: cycle?.year ?? values.year ?? suggestedYear,
      name: (values.name ?? '').trim(),
      workYearsCutoff: values.workYearsCutoff?.format('YYYY-MM-DD') ?? '',
    };
    const onSuccess = (saved: CycleView) => {
      void message.success(cycle ? m.cycleUpdated(saved.name) : m.cycleCreated(saved.name));
      close();
    };
    if (cycle) update.mutate({ id: cycle.id, ...body }, { onSuccess, onError });
    else {
      const examId = values.examId ?? exams[0]?.id;
      if (examId === undefined) return;
      create.mutate({ examId, ...body }, { onSuccess, onError });
    }
  };

  // A new cycle's name and cut-off follow the year until the administrator edits them.
  const onValuesChange = (changed: Partial<Values>) => {
    setFormError(null);
    if (cycle || typeof changed.year !== 'number') return;
    const y = changed.year;
    if (!form.isFieldTouched('name')) form.setFieldValue('name', m.cycleDefaultName(y));
    if (!form.isFieldTouched('workYearsCutoff')) {
      form.setFieldValue('workYearsCutoff', dayjs(`${y - 1}-12-31`));
    }
  };

  const examName = (id: number) => exams.find((e) => e.id === id)?.name ?? '';

  return (
    <FormModal
      open={open}
      title={title}
      submitText={cycle ? m.cycleSubmitEdit : m.cycleSubmitCreate}
      pending={create.isPending || update.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        form={form}
        name="cycle"
        layout="vertical"
        onFinish={submit}
        aria-label={title}
        initialValues={
          cycle
            ? {
                examId: cycle.examId,
                year: cycle.year,
                name: cycle.name,
                workYearsCutoff: dayjs(cycle.workYearsCutoff),
              }
            : {
                examId: exams[0]?.id,
                year: suggestedYear,
                name: m.cycleDefaultName(suggestedYear),
                workYearsCutoff: dayjs(`${suggestedYear - 1}-12-31`),
              }
        }
        onValuesChange={onValuesChange}
      >
        <FormErrorAlert title={m.cycleSaveFailedTitle} error={formError} />
        {cycle || exams.length <= 1 ? (
          <Form.Item label={m.cycleExamLabel}>
            <div className="readonly-field">
              {examName(cycle?.examId ?? exams[0]?.id ?? 0) || '—'}
            </div>
          </Form.Item>
        ) : (
          <Form.Item name="examId" label={m.cycleExamLabel} required>
            <Select<number> options={exams.map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        )}
        {cycle ? (
          <Form.Item label={m.cycleYearLabel}>
            <div className="readonly-field">{cycle.year}</div>
          </Form.Item>
        ) : (
          <Form.Item
            name="year"
            label={m.cycleYearLabel}
            extra={m.cycleYearHelp}
            required
            rules={[{ required: true, message: m.cycleYearRequired }, schemaRule(fields.year)]}
          >
            <InputNumber min={2000} max={2100} precision={0} controls={false} inputMode="numeric" />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={m.cycleNameLabel}
          extra={m.cycleNameHelp}
          required
          rules={[schemaRule(fields.name)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="workYearsCutoff"
          label={m.cycleCutoffLabel}
          extra={m.cycleCutoffHelp(year)}
          required
          dependencies={['year']}
          rules={[cutoffRule(() => cycle?.year ?? (form.getFieldValue('year') as number | null))]}
        >
          <DatePicker format="YYYY-MM-DD" placeholder={m.datePlaceholder} allowClear={false} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
