import { EyeOutlined } from '@ant-design/icons';
import type { MaterialSlotKey, ReviewRegistration } from '@hqe/core';
import { Button } from 'antd';
import { formatInstant } from '../../../lib/format';
import { reviewMessages as m } from '../messages';

/**
 * 本次修改: for a resubmission, what changed since the submission that was returned, beside the
 * reasons and note of that return — so the reviewer checks exactly what was asked for.
 */
export function ChangesSinceReturn({
  registration,
  onShowSlot,
}: {
  registration: ReviewRegistration;
  /** Open a material slot in the viewer (for a change of its files). */
  onShowSlot: (key: MaterialSlotKey) => void;
}) {
  const { changesSinceReturn: changes, lastReturn } = registration;
  const slotOf = (field: string) =>
    registration.materialSlots.find((s) => field === `materials.${s.key}`)?.key;
  return (
    <div className="rv-changes">
      {lastReturn && (
        <div className="rv-last-return">
          <h3 className="rv-subtitle">{m.lastReturnTitle(formatInstant(lastReturn.at))}</h3>
          <ul className="rv-reason-lines">
            {lastReturn.reasons.map((r) => (
              <li key={r.code}>
                <strong>{r.label}</strong>
                {r.explanation ? `：${r.explanation}` : ''}
              </li>
            ))}
          </ul>
          {lastReturn.note && (
            <p className="rv-note">
              {m.lastReturnNote}：{lastReturn.note}
            </p>
          )}
        </div>
      )}
      {changes.length === 0 ? (
        <p>{m.changesNone}</p>
      ) : (
        <>
          <p>{m.changesIntro}</p>
          <ul className="rv-change-list">
            {changes.map((change) => (
              <li key={change.field} className="rv-change">
                <span className="rv-change-label">{change.label}</span>
                <span className="rv-change-values">
                  <span className="rv-change-before">
                    <span className="visually-hidden">{m.changeBefore}：</span>
                    <del>{change.before ?? m.changeEmpty}</del>
                  </span>
                  <span aria-hidden className="rv-change-arrow">
                    →
                  </span>
                  <span className="rv-change-after">
                    <span className="visually-hidden">{m.changeAfter}：</span>
                    <ins>{change.after ?? m.changeEmpty}</ins>
                  </span>
                </span>
                {slotOf(change.field) && (
                  <Button
                    type="link"
                    size="small"
                    className="rv-change-show"
                    icon={<EyeOutlined aria-hidden />}
                    aria-label={m.showInMaterialsLabel(change.label)}
                    onClick={() => {
                      const key = slotOf(change.field);
                      if (key) onShowSlot(key);
                    }}
                  >
                    {m.showInMaterials}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
