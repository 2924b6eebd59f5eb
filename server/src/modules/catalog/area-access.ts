import { ROLES } from '@hqe/core';
import type { Actor } from '../../lib/actor';
import { forbidden } from '../../lib/errors';

/** True for a platform administrator, who administers every exam area and the national tables. */
export const isPlatformAdmin = (actor: Actor) => actor.roles.includes(ROLES.platform_admin);

/**
 * Admits a platform administrator to any area and an area administrator to the own area only;
 * everyone else, and an area administrator reaching into another area, is refused (403).
 */
export function assertManagesArea(actor: Actor, examAreaId: number): void {
  if (isPlatformAdmin(actor)) return;
  if (actor.roles.includes(ROLES.area_admin) && actor.examAreaId === examAreaId) return;
  throw forbidden('考区管理员只能管理本考区的考务数据。');
}

/** Admits platform administrators only: cycles and the national specialty table. */
export function assertPlatformAdmin(actor: Actor): void {
  if (!isPlatformAdmin(actor)) throw forbidden('只有平台管理员可以修改全国统一的数据。');
}
