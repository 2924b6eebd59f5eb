import {
  ELIGIBILITY_LABELS,
  GENDER_LABELS,
  NOTIFICATION_CHANNEL_LABELS,
  type CandidateAccountView,
  type NotificationChannelKind,
} from '@hqe/core';
import { Alert, Button, Checkbox, Descriptions, Form, List, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { SectionCard } from '../../../components/section-card';
import { errorMessageOf } from '../../../lib/api-client';
import { formatInstant } from '../../../lib/format';
import { fieldErrorsOf } from '../../../lib/form-errors';
import {
  requestEmailCode,
  requestMobileChangeCode,
  useBindEmail,
  useCandidateAccount,
  useChangeMobile,
  useMarkNotificationRead,
  useNotificationChannels,
  useNotifications,
  useUnbindEmail,
} from '../api/account';
import { candidateAccountMessages as m } from '../messages';
import { CodeField, EmailField, MobileField } from './fields';

/** A short success line, announced to screen readers. */
function Done({ text }: { text: string | null }) {
  if (!text) return null;
  return <Alert className="form-alert" type="success" showIcon title={text} role="status" />;
}

/** 证件信息: the document (masked until the owner asks to see it), name, derived gender and birth date. */
function IdentitySection({ account }: { account: CandidateAccountView }) {
  const [shown, setShown] = useState(false);
  return (
    <SectionCard title={m.identityTitle}>
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'type',
            label: m.documentTypeLabel,
            children: ELIGIBILITY_LABELS.identityDocument[account.documentType],
          },
          {
            key: 'number',
            label: m.documentNumberLabel,
            children: (
              <span className="account-number">
                <span data-testid="document-number">
                  {shown ? account.documentNumber : account.documentNumberMasked}
                </span>
                <Button
                  type="link"
                  size="small"
                  aria-pressed={shown}
                  onClick={() => setShown((v) => !v)}
                >
                  {shown ? m.hide : m.show}
                </Button>
              </span>
            ),
          },
          { key: 'name', label: m.nameLabel, children: account.name },
          {
            key: 'gender',
            label: m.genderLabel,
            children: account.gender
              ? `${GENDER_LABELS[account.gender]}${m.derivedNote}`
              : m.notOnDocument,
          },
          {
            key: 'birth',
            label: m.birthDateLabel,
            children: account.birthDate ? `${account.birthDate}${m.derivedNote}` : m.notOnDocument,
          },
        ]}
      />
      <p className="form-note">{m.identityNote}</p>
    </SectionCard>
  );
}

/** 手机号码: the current number and the change with a code sent to the new one. */
function MobileSection({ account }: { account: CandidateAccountView }) {
  const [form] = Form.useForm<{ newMobile: string; code: string }>();
  const change = useChangeMobile();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A new code field after a change: the "code sent" line and the countdown belong to the old one.
  const [round, setRound] = useState(0);
  return (
    <SectionCard title={m.mobileTitle}>
      <p>
        {m.currentMobile}：<strong data-testid="current-mobile">{account.mobileMasked}</strong>
      </p>
      <Done text={done} />
      <Form
        form={form}
        name="change-mobile"
        layout="vertical"
        requiredMark={false}
        className="narrow-form"
        aria-label={m.changeMobileSubmit}
        onValuesChange={() => {
          setFormError(null);
          setDone(null);
        }}
        onFinish={(values) =>
          change.mutate(
            { mobile: values.newMobile, code: values.code },
            {
              onSuccess: () => {
                form.resetFields();
                setRound((n) => n + 1);
                setDone(m.changeMobileDone);
              },
              onError: (error) => {
                const fields = fieldErrorsOf(error, ['mobile', 'code']).map((f) => ({
                  name: f.name === 'mobile' ? ('newMobile' as const) : ('code' as const),
                  errors: f.errors,
                }));
                if (fields.length > 0) form.setFields(fields);
                else setFormError(errorMessageOf(error));
              },
            },
          )
        }
      >
        <FormErrorAlert title={m.changeMobileFailedTitle} error={formError} />
        <MobileField name="newMobile" label={m.newMobileLabel} />
        <CodeField
          key={round}
          validateFirst={['newMobile']}
          send={() =>
            requestMobileChangeCode({ mobile: form.getFieldValue('newMobile') as string })
          }
        />
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {m.changeMobileSubmit}
        </Button>
      </Form>
    </SectionCard>
  );
}

/** 电子邮箱: bind (or change) with a code sent to the address; unbind. */
function EmailSection({ account }: { account: CandidateAccountView }) {
  const [form] = Form.useForm<{ email: string; code: string }>();
  const bind = useBindEmail();
  const unbind = useUnbindEmail();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  return (
    <SectionCard title={m.emailTitle}>
      {account.emailMasked ? (
        <p className="account-email">
          <strong data-testid="current-email">{account.emailMasked}</strong>{' '}
          {account.emailVerifiedAt && <Tag className="tag-verified">{m.emailVerified}</Tag>}
          <Popconfirm
            title={m.unbindEmailConfirm}
            okText={m.confirm}
            cancelText={m.cancel}
            onConfirm={() =>
              unbind.mutate(undefined, {
                onSuccess: () => setDone(m.unbindEmailDone),
                onError: (error) => setFormError(errorMessageOf(error)),
              })
            }
          >
            <Button size="small" loading={unbind.isPending}>
              {m.unbindEmail}
            </Button>
          </Popconfirm>
        </p>
      ) : (
        <p>{m.emailNone}</p>
      )}
      <Done text={done} />
      <Form
        form={form}
        name="bind-email"
        layout="vertical"
        requiredMark={false}
        className="narrow-form"
        aria-label={account.emailMasked ? m.changeEmailSubmit : m.bindEmailSubmit}
        onValuesChange={() => {
          setFormError(null);
          setDone(null);
        }}
        onFinish={(values) =>
          bind.mutate(values, {
            onSuccess: () => {
              form.resetFields();
              setRound((n) => n + 1);
              setDone(m.bindEmailDone);
            },
            onError: (error) => {
              const fields = fieldErrorsOf(error, ['email', 'code']);
              if (fields.length > 0) form.setFields(fields);
              else setFormError(errorMessageOf(error));
            },
          })
        }
      >
        <FormErrorAlert title={m.bindEmailFailedTitle} error={formError} />
        <EmailField />
        <CodeField
          key={round}
          validateFirst={['email']}
          send={() => requestEmailCode({ email: form.getFieldValue('email') as string })}
        />
        <Button type="primary" htmlType="submit" loading={bind.isPending}>
          {account.emailMasked ? m.changeEmailSubmit : m.bindEmailSubmit}
        </Button>
      </Form>
    </SectionCard>
  );
}

/** 通知方式: in-app always on; e-mail once an address is verified. */
function ChannelsSection({ account }: { account: CandidateAccountView }) {
  const save = useNotificationChannels();
  const [selected, setSelected] = useState<NotificationChannelKind[]>(account.notificationChannels);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const emailReady = account.emailVerifiedAt !== null;
  // E-mail drops out when the address is unbound elsewhere on the page.
  const effective = emailReady ? selected : selected.filter((c) => c !== 'email');
  return (
    <SectionCard title={m.channelsTitle}>
      <p id="channels-intro">{m.channelsIntro}</p>
      <Done text={done} />
      <FormErrorAlert title={m.channelsFailedTitle} error={formError} />
      <Checkbox.Group
        aria-labelledby="channels-intro"
        className="channel-options"
        value={effective}
        onChange={(values) => {
          setDone(null);
          setSelected(values as NotificationChannelKind[]);
        }}
        options={[
          { value: 'in_app', label: NOTIFICATION_CHANNEL_LABELS.in_app, disabled: true },
          {
            value: 'email',
            label: `${NOTIFICATION_CHANNEL_LABELS.email}${emailReady ? '' : m.channelsEmailNeedsBinding}`,
            disabled: !emailReady,
          },
        ]}
      />
      <div className="section-actions">
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { channels: ['in_app', ...effective.filter((c) => c !== 'in_app')] },
              {
                onSuccess: () => setDone(m.channelsDone),
                onError: (error) => setFormError(errorMessageOf(error)),
              },
            )
          }
        >
          {m.channelsSubmit}
        </Button>
      </div>
    </SectionCard>
  );
}

/** 站内消息: the newest notifications, unread first marked. */
function InboxSection() {
  const inbox = useNotifications();
  const markRead = useMarkNotificationRead();
  return (
    <SectionCard title={m.inboxTitle}>
      {inbox.isPending ? (
        <Loading label={m.loading} />
      ) : inbox.isError ? (
        <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} title={m.inboxTitle} />
      ) : (
        <List
          locale={{ emptyText: m.inboxEmpty }}
          dataSource={inbox.data.items}
          renderItem={(item) => (
            <List.Item
              actions={
                item.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        onClick={() => markRead.mutate(item.id)}
                        aria-label={`${m.markRead}：${item.title}`}
                      >
                        {m.markRead}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    {item.readAt ? null : <Tag color="blue">{m.unread}</Tag>}
                    {item.title}
                  </span>
                }
                description={
                  <>
                    <span className="inbox-time">{formatInstant(item.createdAt)}</span>
                    <span className="inbox-body">{item.body}</span>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </SectionCard>
  );
}

/** 账号与安全 without the password change (the page adds that from the auth feature). */
export function CandidateAccountSections() {
  const account = useCandidateAccount();
  if (account.isPending) return <Loading label={m.loading} />;
  if (account.isError) {
    return (
      <QueryError
        error={account.error}
        onRetry={() => void account.refetch()}
        title={m.accountLoadFailed}
      />
    );
  }
  return (
    <div className="account-sections">
      <IdentitySection account={account.data} />
      <MobileSection account={account.data} />
      <EmailSection account={account.data} />
      <ChannelsSection account={account.data} />
      <InboxSection />
    </div>
  );
}
