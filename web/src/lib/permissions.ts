import type { AccountView, Role } from '@hqe/core';

/** Staff who manage accounts: platform admins (all areas) and area admins (their own area). */
export function canManageStaff(roles: readonly Role[]): boolean {
  return roles.includes('platform_admin') || roles.includes('area_admin');
}

/**
 * Whether the actor may reset, unlock, disable or enable this staff account — the server's rule:
 * never one's own account (use 修改密码), a platform admin any other, an area admin only the
 * reviewers of the own area.
 */
export function canManageStaffAccount(
  actor: AccountView,
  target: { id: number; roles: readonly Role[] },
): boolean {
  if (target.id === actor.id) return false;
  if (actor.roles.includes('platform_admin')) return true;
  return (
    actor.roles.includes('area_admin') &&
    target.roles.every((r) => r === 'confirmation_reviewer' || r === 'qualification_reviewer')
  );
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

/**
 * Staff who administer an exam area's calendar, notices, test sites and offerings: platform
 * admins (any area) and area admins (their own area). Reviewers do not.
 */
export function canAdministerExamArea(roles: readonly Role[]): boolean {
  return roles.includes('platform_admin') || roles.includes('area_admin');
}

/** Staff who change national data (cycles, the specialty table and its import): platform admins. */
export function canManageNationalCatalog(roles: readonly Role[]): boolean {
  return roles.includes('platform_admin');
}
