import type { StaffAccount } from '@hqe/core';
import { App, Button, Popconfirm, Space } from 'antd';
import { errorMessageOf } from '../../../lib/api-client';
import { isInFuture } from '../../../lib/format';
import { useSetStaffStatus } from '../api/set-staff-status';
import { useUnlockStaffAccount } from '../api/unlock-staff-account';
import { staffMessages as m } from '../messages';

/** 重置密码 / 解锁 / 停用·启用 for one row the actor may manage. */
export function StaffRowActions({
  account,
  onResetPassword,
  stacked = false,
}: {
  account: StaffAccount;
  onResetPassword: (account: StaffAccount) => void;
  /** One action per line (narrow screens). */
  stacked?: boolean;
}) {
  const { message } = App.useApp();
  const unlock = useUnlockStaffAccount();
  const setStatus = useSetStaffStatus();
  const locked = isInFuture(account.lockedUntil);
  const active = account.status === 'active';
  const who = `${account.displayName}（${account.username}）`;

  const fail = (error: unknown) =>
    void message.error(`${m.actionFailed}：${errorMessageOf(error)}`);

  return (
    <Space
      size={stacked ? 4 : 0}
      orientation={stacked ? 'vertical' : 'horizontal'}
      wrap={!stacked}
      role="group"
      aria-label={m.rowActionsLabel(account)}
      className={stacked ? 'cell-actions' : undefined}
    >
      <Button
        type="link"
        size="middle"
        aria-label={`${m.resetPassword}：${who}`}
        onClick={() => onResetPassword(account)}
      >
        {m.resetPassword}
      </Button>
      {locked && (
        <Button
          type="link"
          size="middle"
          aria-label={`${m.unlock}：${who}`}
          loading={unlock.isPending}
          onClick={() =>
            unlock.mutate(account.id, {
              onSuccess: () => void message.success(m.unlocked(account)),
              onError: fail,
            })
          }
        >
          {m.unlock}
        </Button>
      )}
      <Popconfirm
        title={active ? m.confirmDisable(account) : m.confirmEnable(account)}
        description={active ? m.confirmDisableHint : undefined}
        okText={m.confirmOk}
        cancelText={m.confirmCancel}
        okButtonProps={{ danger: active }}
        getPopupContainer={() => document.getElementById('main') ?? document.body}
        onConfirm={() =>
          setStatus.mutate(
            { id: account.id, status: active ? 'disabled' : 'active' },
            {
              onSuccess: () =>
                void message.success(active ? m.disabled(account) : m.enabled(account)),
              onError: fail,
            },
          )
        }
      >
        <Button
          type="link"
          size="middle"
          danger={active}
          loading={setStatus.isPending}
          aria-label={`${active ? m.disable : m.enable}：${who}`}
        >
          {active ? m.disable : m.enable}
        </Button>
      </Popconfirm>
    </Space>
  );
}
