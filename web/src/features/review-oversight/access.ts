import type { Role } from '@hqe/core';

/**
 * Who opens 审核统计: an exam area's administrator and reviewers (their own area, read-only) and
 * platform administrators (any area they pick). The server applies the same rule.
 */
export function canViewReviewDashboard(roles: readonly Role[]): boolean {
  return (
    roles.includes('platform_admin') ||
    roles.includes('area_admin') ||
    roles.includes('confirmation_reviewer') ||
    roles.includes('qualification_reviewer')
  );
}
