import {
  NOTIFICATION_LOCALE_LABELS,
  NOTIFICATION_LOCALES,
  type NotificationLocale,
} from '@hqe/core';
import { Alert, App, Button, Form, Radio } from 'antd';
import { QueryError } from '../../../components/query-error';
import { SectionCard } from '../../../components/section-card';
import { errorMessageOf } from '../../../lib/api-client';
import { useNotificationSettings, useUpdateNotificationSettings } from '../api/todos';
import { todoMessages as m } from '../messages';

/** 通知语言: whether the candidate's messages come in Chinese (default) or English. */
export function NotificationLanguage() {
  const settings = useNotificationSettings();
  const update = useUpdateNotificationSettings();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ locale: NotificationLocale }>();
  return (
    <SectionCard title={m.languageTitle} className="todo-language">
      <p className="form-note">{m.languageIntro}</p>
      {settings.isError && (
        <QueryError
          error={settings.error}
          title={m.languageLoadFailed}
          onRetry={() => void settings.refetch()}
        />
      )}
      {settings.data && (
        <Form
          form={form}
          layout="inline"
          name="notification-language"
          initialValues={settings.data}
          onFinish={(values) =>
            update.mutate(values, { onSuccess: () => void message.success(m.languageSaved) })
          }
        >
          <Form.Item name="locale" label={m.languageLabel}>
            <Radio.Group
              options={NOTIFICATION_LOCALES.map((locale) => ({
                value: locale,
                label: NOTIFICATION_LOCALE_LABELS[locale],
              }))}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {m.save}
            </Button>
          </Form.Item>
        </Form>
      )}
      {update.isError && (
        <Alert
          type="error"
          showIcon
          title={m.languageFailed}
          description={errorMessageOf(update.error)}
        />
      )}
    </SectionCard>
  );
}
