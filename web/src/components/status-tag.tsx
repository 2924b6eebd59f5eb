import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export type Tone = 'success' | 'info' | 'neutral' | 'warning' | 'danger';

// Colour pairs chosen for a text contrast of at least 4.5:1 (WCAG 2.1 AA).
const TONES: Record<Tone, CSSProperties> = {
  success: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  neutral: { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' },
  warning: { color: '#874d00', background: '#fffbe6', borderColor: '#ffd666' },
  danger: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

/** A tag whose colours keep text readable; use instead of antd's preset colours. */
export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Tag className="status-tag" style={TONES[tone]}>
      {children}
    </Tag>
  );
}
