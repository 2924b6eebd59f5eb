import { EnvironmentOutlined, RollbackOutlined } from '@ant-design/icons';
import type { RegistrationView } from '@hqe/core';
import { App, Button, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useChangeArea, useRegistrationChoices, useWithdraw } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { MutationError } from './mutation-error';

function ChangeAreaDialog({
  view,
  open,
  onClose,
}: {
  view: RegistrationView;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const choices = useRegistrationChoices(view.id);
  const change = useChangeArea(view.cycle.id, view.id);
  const [code, setCode] = useState<string | undefined>();
  const [touched, setTouched] = useState(false);
  const areas = choices.data?.otherExamAreas ?? [];
  const ok = () => {
    setTouched(true);
    if (!code) return;
    change.mutate(
      { version: view.version, examAreaCode: code },
      {
        onSuccess: (next) => {
          void message.success(m.changeAreaDone(next.examArea.name));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={m.changeAreaTitle}
      okText={m.confirmOk}
      cancelText={m.cancel}
      onOk={ok}
      onCancel={onClose}
      okButtonProps={{ loading: change.isPending, disabled: areas.length === 0 }}
      destroyOnHidden
    >
      <p>{m.changeAreaText}</p>
      {choices.isSuccess && areas.length === 0 ? (
        <p>{m.changeAreaNone}</p>
      ) : (
        <Form layout="vertical" requiredMark>
          <Form.Item
            label={m.changeAreaSelect}
            htmlFor="or-change-area"
            required
            validateStatus={touched && !code ? 'error' : undefined}
            help={touched && !code ? m.changeAreaRequired : undefined}
          >
            <Select
              id="or-change-area"
              loading={choices.isPending}
              value={code}
              onChange={setCode}
              placeholder={m.changeAreaRequired}
              options={areas.map((a) => ({ value: a.code, label: a.name }))}
            />
          </Form.Item>
        </Form>
      )}
      <MutationError error={change.error} />
    </Modal>
  );
}

/** What the candidate may do now with the whole registration: withdraw it, change the area. */
export function RegistrationActions({ view }: { view: RegistrationView }) {
  const { modal, message } = App.useApp();
  const withdraw = useWithdraw(view.cycle.id, view.id);
  const [changing, setChanging] = useState(false);
  const canWithdraw = view.actions.includes('withdraw');
  const canChange = view.actions.includes('change_area');
  if (!canWithdraw && !canChange) return null;
  return (
    <div className="or-actions">
      {canWithdraw && (
        <Button
          icon={<RollbackOutlined aria-hidden />}
          loading={withdraw.isPending}
          onClick={() => {
            void modal.confirm({
              title: m.withdrawConfirmTitle,
              content: m.withdrawConfirmText,
              okText: m.withdraw,
              cancelText: m.cancel,
              onOk: () =>
                withdraw.mutateAsync().then(
                  () => void message.success(m.withdrawn),
                  () => undefined,
                ),
            });
          }}
        >
          {m.withdraw}
        </Button>
      )}
      {canChange && (
        <Button icon={<EnvironmentOutlined aria-hidden />} onClick={() => setChanging(true)}>
          {m.changeArea}
        </Button>
      )}
      <MutationError error={withdraw.error} />
      {changing && (
        <ChangeAreaDialog view={view} open={changing} onClose={() => setChanging(false)} />
      )}
    </div>
  );
}
