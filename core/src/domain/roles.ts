/** Roles of an account. Staff roles (all but candidate) are scoped to one exam area, except platform_admin. */
export const ROLES = {
  candidate: 'candidate',
  confirmation_reviewer: 'confirmation_reviewer',
  qualification_reviewer: 'qualification_reviewer',
  area_admin: 'area_admin',
  platform_admin: 'platform_admin',
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];

export const ROLE_LIST = Object.values(ROLES) as [Role, ...Role[]];

export const STAFF_ROLES = [
  ROLES.confirmation_reviewer,
  ROLES.qualification_reviewer,
  ROLES.area_admin,
  ROLES.platform_admin,
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

/** Account kinds: a candidate (考生) or a member of staff. */
export const ACCOUNT_KINDS = { candidate: 'candidate', staff: 'staff' } as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[keyof typeof ACCOUNT_KINDS];

export const ROLE_LABELS: Record<Role, string> = {
  candidate: '考生',
  confirmation_reviewer: '报名确认审核员',
  qualification_reviewer: '资格审核员',
  area_admin: '考区管理员',
  platform_admin: '平台管理员',
};

/** True when the role acts within a single exam area and must carry one. */
export function isAreaScopedRole(role: Role): boolean {
  return (
    role === ROLES.confirmation_reviewer ||
    role === ROLES.qualification_reviewer ||
    role === ROLES.area_admin
  );
}

/**
 * Which roles an actor may grant when creating staff accounts: a platform admin any; an area admin
 * only the reviewer roles (area admins are appointed by a platform admin, so one area admin cannot
 * create, or take over, another).
 */
export function grantableRoles(actorRoles: readonly Role[]): StaffRole[] {
  if (actorRoles.includes(ROLES.platform_admin)) return [...STAFF_ROLES];
  if (actorRoles.includes(ROLES.area_admin)) {
    return [ROLES.confirmation_reviewer, ROLES.qualification_reviewer];
  }
  return [];
}
