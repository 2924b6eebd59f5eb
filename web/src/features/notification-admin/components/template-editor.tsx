import {
  NOTIFICATION_LOCALE_LABELS,
  type NotificationTemplatePreview,
  type NotificationTemplateView,
  type PutNotificationTemplateRequest,
} from '@hqe/core';
import { App, Button, Collapse, Form, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { Loading } from '../../../components/loading';
import { commonMessages } from '../../../components/messages';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { formatInstant } from '../../../lib/format';
import type { ExamAreaRef } from '../../../lib/types';
import {
  useNotificationTemplates,
  usePreviewTemplate,
  useResetTemplate,
  useSaveTemplate,
  type TemplateRef,
} from '../api/templates';
import { notificationAdminMessages as m } from '../messages';

type Variant = NotificationTemplateView['variants'][number];
type Values = { subject: string; body: string; sms?: string };
const FIELDS = ['subject', 'body', 'sms'] as const;

interface Editing {
  template: NotificationTemplateView;
  variant: Variant;
}

function textOf(variant: Variant) {
  return variant.override ?? variant.default;
}

function Preview({ preview }: { preview: NotificationTemplatePreview }) {
  return (
    <div className="na-preview" aria-live="polite">
      <p className="json-title">{m.previewTitle}</p>
      <p className="na-preview-label">{m.previewInApp}</p>
      <div className="na-preview-box">
        <strong>{preview.subject}</strong>
        <p>{preview.body}</p>
      </div>
      {preview.sms !== null && (
        <>
          <p className="na-preview-label">{m.previewSms}</p>
          <div className="na-preview-box">{preview.sms}</div>
        </>
      )}
      <p className="na-preview-label">{m.previewEmail}</p>
      <div className="na-preview-box">
        <strong>{preview.email.subject}</strong>
        <pre className="na-preview-text" tabIndex={0} aria-label={m.previewEmail}>
          {preview.email.text}
        </pre>
      </div>
    </div>
  );
}

function EditModal({
  area,
  editing,
  onClose,
}: {
  area: ExamAreaRef;
  editing: Editing;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const save = useSaveTemplate();
  const preview = usePreviewTemplate();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  const { template, variant } = editing;
  const withSms = variant.default.sms !== null;
  const localeLabel = NOTIFICATION_LOCALE_LABELS[variant.locale];
  const ref: TemplateRef = { examAreaId: area.id, key: template.key, locale: variant.locale };
  const current = textOf(variant);

  const bodyOf = (values: Values): PutNotificationTemplateRequest => ({
    subject: values.subject,
    body: values.body,
    sms: withSms ? (values.sms ?? '') : null,
  });
  const showError = (error: unknown) => {
    const fields = fieldErrorsOf(error, FIELDS);
    form.setFields(fields);
    setFormError(
      fields.length > 0 && isApiError(error, 'validation_failed') ? null : errorMessageOf(error),
    );
  };

  return (
    <FormModal
      open
      title={m.editTitle(template.label, localeLabel)}
      submitText={m.save}
      pending={save.isPending}
      onCancel={onClose}
      onSubmit={() => form.submit()}
    >
      <FormErrorAlert title={m.saveFailed} error={formError} />
      <div className="na-placeholders">
        <p className="json-title">{m.placeholders}</p>
        <p className="form-note">{m.placeholdersHint}</p>
        <ul className="na-placeholder-list">
          {template.placeholders.map((p) => (
            <li key={p.name}>
              <code>{`{{${p.name}}}`}</code> {p.label}
              {p.required && <StatusTag tone="warning">{m.required}</StatusTag>}
            </li>
          ))}
        </ul>
      </div>
      <Form<Values>
        form={form}
        layout="vertical"
        name={`template-${template.key}-${variant.locale}`}
        initialValues={{ subject: current.subject, body: current.body, sms: current.sms ?? '' }}
        onValuesChange={() => setFormError(null)}
        onFinish={(values) => {
          setFormError(null);
          save.mutate(
            { ref, body: bodyOf(values) },
            {
              onSuccess: () => {
                void message.success(m.saved);
                onClose();
              },
              onError: showError,
            },
          );
        }}
      >
        <Form.Item
          name="subject"
          label={m.subject}
          rules={[{ required: true, whitespace: true, message: m.subjectRequired }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="body"
          label={m.body}
          rules={[{ required: true, whitespace: true, message: m.bodyRequired }]}
        >
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        {withSms && (
          <Form.Item
            name="sms"
            label={m.sms}
            rules={[{ required: true, whitespace: true, message: m.smsRequired }]}
          >
            <Input.TextArea rows={3} maxLength={300} showCount />
          </Form.Item>
        )}
        <Button
          loading={preview.isPending}
          onClick={() => {
            void form
              .validateFields()
              .then((values) =>
                preview.mutate({ ref, body: bodyOf(values) }, { onError: showError }),
              );
          }}
        >
          {m.preview}
        </Button>
      </Form>
      {preview.data && <Preview preview={preview.data} />}
    </FormModal>
  );
}

function VariantView({
  area,
  template,
  variant,
  onEdit,
}: {
  area: ExamAreaRef;
  template: NotificationTemplateView;
  variant: Variant;
  onEdit: () => void;
}) {
  const reset = useResetTemplate();
  const { message } = App.useApp();
  const text = textOf(variant);
  const localeLabel = NOTIFICATION_LOCALE_LABELS[variant.locale];
  return (
    <section className="na-variant" aria-label={`${template.label}（${localeLabel}）`}>
      <div className="na-variant-head">
        <h3 className="na-variant-title">{localeLabel}</h3>
        {variant.override ? (
          <StatusTag tone="info">{m.ownText}</StatusTag>
        ) : (
          <StatusTag tone="neutral">{m.defaultText}</StatusTag>
        )}
      </div>
      <dl className="na-text">
        <dt>{m.subject}</dt>
        <dd>{text.subject}</dd>
        <dt>{m.body}</dt>
        <dd className="na-text-body">{text.body}</dd>
        {text.sms !== null && (
          <>
            <dt>{m.sms}</dt>
            <dd>{text.sms}</dd>
          </>
        )}
      </dl>
      {variant.override && (
        <p className="form-note">
          {m.updatedBy(variant.override.updatedBy, formatInstant(variant.override.updatedAt))}
        </p>
      )}
      <Space wrap>
        <Button onClick={onEdit} aria-label={m.editLabel(template.label, localeLabel)}>
          {m.edit}
        </Button>
        {variant.override && (
          <Popconfirm
            title={m.resetConfirm}
            okText={m.resetOk}
            cancelText={commonMessages.cancel}
            getPopupContainer={() => document.getElementById('main') ?? document.body}
            onConfirm={() =>
              reset.mutate(
                { examAreaId: area.id, key: template.key, locale: variant.locale },
                {
                  onSuccess: () => void message.success(m.resetDone),
                  onError: (error) =>
                    void message.error(`${m.resetFailed}：${errorMessageOf(error)}`),
                },
              )
            }
          >
            <Button
              loading={reset.isPending}
              aria-label={m.resetLabel(template.label, localeLabel)}
            >
              {m.resetDefault}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </section>
  );
}

/**
 * 消息模板: each message the area's candidates receive, in Chinese and English — the default text
 * or the area's own — with an editor that names the placeholders, checks the text on the server
 * and previews it with sample values.
 */
export function TemplateEditor({ area }: { area: ExamAreaRef }) {
  const templates = useNotificationTemplates(area.id);
  const [editing, setEditing] = useState<Editing | null>(null);
  if (templates.isPending) return <Loading />;
  if (templates.isError) {
    return (
      <QueryError
        error={templates.error}
        title={m.templatesLoadFailed}
        onRetry={() => void templates.refetch()}
      />
    );
  }
  return (
    <>
      <Collapse
        className="na-templates"
        items={templates.data.items.map((template) => ({
          key: template.key,
          label: (
            <span className="na-template-label">
              <span>{template.label}</span>
              {template.urgent && <StatusTag tone="warning">{m.urgentTag}</StatusTag>}
              {template.variants.some((v) => v.override) && (
                <StatusTag tone="info">{m.ownText}</StatusTag>
              )}
            </span>
          ),
          children: (
            <>
              <p className="form-note">{template.description}</p>
              <div className="na-variants">
                {template.variants.map((variant) => (
                  <VariantView
                    key={variant.locale}
                    area={area}
                    template={template}
                    variant={variant}
                    onEdit={() => setEditing({ template, variant })}
                  />
                ))}
              </div>
            </>
          ),
        }))}
      />
      {editing && <EditModal area={area} editing={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
