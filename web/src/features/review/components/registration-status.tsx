import type { RegistrationStatus } from '@hqe/core';
import { StatusTag, type Tone } from '../../../components/status-tag';

const TONE: Record<RegistrationStatus, Tone> = {
  draft: 'neutral',
  submitted: 'warning',
  returned: 'danger',
  confirmed: 'success',
  supplement_requested: 'warning',
  qualified: 'success',
  disqualified: 'danger',
  paid: 'info',
  abandoned: 'neutral',
};

/** A registration's status as a readable coloured tag. */
export function RegistrationStatusTag({
  status,
  label,
}: {
  status: RegistrationStatus;
  label: string;
}) {
  return <StatusTag tone={TONE[status]}>{label}</StatusTag>;
}
