import type { AccountView, Role } from '@hqe/core';

/** Staff who manage accounts: platform admins (all areas) and area admins (their own area). */
export function canManageStaff(roles: readonly Role[]): boolean {
  return roles.includes('platform_admin') || roles.includes('area_admin');
}

/** Staff who may read the audit log: platform admins and area admins. */
export function canViewAudit(roles: readonly Role[]): boolean {
  return canManageStaff(roles);
}

/** True when the account is a member of staff. */
export function isStaff(account: AccountView | null | undefined): account is AccountView {
  return account?.kind === 'staff';
}

/** True when the account is a candidate. */
export function isCandidate(account: AccountView | null | undefined): account is AccountView {
  return account?.kind === 'candidate';
}
