import { examNoticeInputSchema, type ExamNoticeView } from '@hqe/core';
import { App, Form, Input } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { useCreateNotice } from '../api/create-notice';
import { useUpdateNotice } from '../api/update-notice';
import { examAdminMessages as m } from '../messages';
import type { CycleArea } from './admin-scope';

interface Values {
  title?: string;
  body?: string;
}
const FIELDS = ['title', 'body'] as const;

/** Create a draft notice (`notice` null) or change a notice's title and body. */
export function NoticeFormModal({
  open,
  notice,
  scope,
  onClose,
}: {
  open: boolean;
  notice: ExamNoticeView | null;
  scope: CycleArea;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateNotice();
  const update = useUpdateNotice();
  const [formError, setFormError] = useState<string | null>(null);
  const title = notice ? m.editNoticeTitle(notice.title) : m.createNoticeTitle;

  const close = () => {
    form.resetFields();
    setFormError(null);
    onClose();
  };

  const onError = (error: unknown) => {
    const fieldErrors = fieldErrorsOf(error, FIELDS);
    if (fieldErrors.length > 0) form.setFields(fieldErrors);
    else setFormError(errorMessageOf(error));
  };

  const submit = (values: Values) => {
    setFormError(null);
    const input = { title: (values.title ?? '').trim(), body: values.body ?? '' };
    if (notice) {
      update.mutate(
        { id: notice.id, ...input },
        {
          onSuccess: (saved) => {
            void message.success(m.noticeUpdated(saved.title));
            close();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { cycleId: scope.cycle.id, examAreaId: scope.area.id, ...input },
        {
          onSuccess: (saved) => {
            void message.success(m.noticeCreated(saved.title));
            close();
          },
          onError,
        },
      );
    }
  };

  return (
    <FormModal
      open={open}
      title={title}
      submitText={notice ? m.editNoticeSubmit : m.createNoticeSubmit}
      pending={create.isPending || update.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        form={form}
        name="notice"
        layout="vertical"
        onFinish={submit}
        aria-label={title}
        initialValues={
          notice ? { title: notice.title, body: notice.body } : { title: '', body: '' }
        }
        onValuesChange={() => setFormError(null)}
      >
        <FormErrorAlert title={m.noticeSaveFailedTitle} error={formError} />
        <Form.Item
          name="title"
          label={m.noticeTitleLabel}
          extra={m.noticeTitleHelp}
          required
          rules={[schemaRule(examNoticeInputSchema.shape.title)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="body"
          label={m.noticeBodyLabel}
          extra={m.noticeBodyHelp}
          rules={[schemaRule(examNoticeInputSchema.shape.body)]}
        >
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} maxLength={50_000} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
