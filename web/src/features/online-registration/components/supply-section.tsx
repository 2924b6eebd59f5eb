import { SendOutlined } from '@ant-design/icons';
import type { RegistrationView } from '@hqe/core';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { isApiError } from '../../../lib/api-client';
import { useMaterialUploads } from '../api/material-uploads';
import { registrationKeys, useSupply } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { supplementState, supplyBlockedReason } from '../qualification-review';
import { MutationError } from './mutation-error';

/**
 * 提交补充材料 (R19): once every slot the reviewer named holds a new file, the candidate confirms and
 * the registration goes back to the qualification review queue. Until then the button says why it
 * waits.
 */
export function SupplySection({ view }: { view: RegistrationView }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const supply = useSupply(view.cycle.id, view.id);
  const uploads = useMaterialUploads(view);
  const state = supplementState(view);
  if (!state) return null;
  const named = new Set<string>(state.slots.map((s) => s.key));
  const pending = uploads.items.filter((i) => named.has(i.slotKey) && i.state !== 'failed').length;
  const blocked = supplyBlockedReason(state, pending);
  const confirm = () => {
    void modal.confirm({
      title: m.supplyConfirmTitle,
      content: (
        <>
          <p>{m.supplyConfirmText}</p>
          <ul className="or-reasons">
            {state.slots.map((s) => (
              <li key={s.key}>{m.supplyConfirmSlot(s.label, s.added)}</li>
            ))}
          </ul>
        </>
      ),
      okText: m.supply,
      cancelText: m.cancel,
      onOk: () =>
        supply.mutateAsync(view.version).then(
          () => {
            void message.success(m.supplied);
            // The button is gone with the request: keyboard focus goes to the new status.
            window.setTimeout(() => document.getElementById('or-status-title')?.focus(), 0);
          },
          (error: unknown) => {
            // The calendar or the status moved on: show the registration as it is now.
            if (isApiError(error, 'invalid_transition', 'phase_closed')) {
              void queryClient.invalidateQueries({
                queryKey: registrationKeys.lookup(view.cycle.id),
              });
            }
          },
        ),
    });
  };
  return (
    <section aria-labelledby="or-supply-title" className="or-supply">
      <h3 id="or-supply-title" className="sc-subtitle">
        {m.supplyTitle}
      </h3>
      <p>{m.supplyIntro}</p>
      <MutationError error={supply.error} />
      <Button
        type="primary"
        size="large"
        icon={<SendOutlined aria-hidden />}
        loading={supply.isPending}
        disabled={blocked !== null}
        aria-describedby={blocked ? 'or-supply-blocked' : undefined}
        onClick={confirm}
      >
        {m.supply}
      </Button>
      {blocked && (
        <p id="or-supply-blocked" className="or-supply-blocked">
          {blocked}
        </p>
      )}
    </section>
  );
}
