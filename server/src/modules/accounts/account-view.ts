import type { AccountView, StaffAccount, StaffRole } from '@hqe/core';
import type { AccountSummary } from './accounts.repository';

const areaOf = (a: AccountSummary) =>
  a.examAreaId !== null && a.examAreaCode !== null && a.examAreaName !== null
    ? { id: a.examAreaId, code: a.examAreaCode, name: a.examAreaName }
    : null;

/** What the account holder sees of their own account. */
export function toAccountView(a: AccountSummary): AccountView {
  return {
    id: a.id,
    kind: a.kind,
    username: a.username,
    displayName: a.displayName,
    roles: a.roles,
    examArea: areaOf(a),
    mustChangePassword: a.mustChangePassword,
  };
}

/** What an administrator sees of a staff account. */
export function toStaffAccount(a: AccountSummary, now: Date): StaffAccount {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    roles: a.roles as StaffRole[],
    examArea: areaOf(a),
    status: a.status,
    lockedUntil:
      a.lockedUntil && a.lockedUntil.getTime() > now.getTime() ? a.lockedUntil.toISOString() : null,
    mustChangePassword: a.mustChangePassword,
    lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

/** The account as an audit event records it: never the password hash. */
export function auditSnapshot(a: AccountSummary) {
  return {
    username: a.username,
    displayName: a.displayName,
    roles: a.roles,
    examAreaId: a.examAreaId,
    status: a.status,
    mustChangePassword: a.mustChangePassword,
    lockedUntil: a.lockedUntil?.toISOString() ?? null,
  };
}
