import { Card } from 'antd';
import type { ReactNode } from 'react';

/** A card whose title is a real heading (h2 by default), so the page outline stays meaningful. */
export function SectionCard({
  title,
  level = 2,
  extra,
  children,
  className,
}: {
  title: string;
  level?: 2 | 3;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <Card
      className={['section-card', className].filter(Boolean).join(' ')}
      title={<Heading className="section-card-title">{title}</Heading>}
      extra={extra}
    >
      {children}
    </Card>
  );
}
