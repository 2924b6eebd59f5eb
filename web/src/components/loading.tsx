import { Spin } from 'antd';
import { commonMessages } from './messages';

/** A centred spinner with a spoken label, for a region that is loading. */
export function Loading({ label = commonMessages.loading }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <Spin />
      <span className="loading-label">{label}</span>
    </div>
  );
}
