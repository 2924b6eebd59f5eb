import type { z } from 'zod';
import type { staffListQuerySchema } from '@hqe/core';
import {
  checkPassword,
  describePasswordProblem,
  grantableRoles,
  isAreaScopedRole,
  ROLES,
  type CreateStaffRequest,
  type StaffAccount,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../lib/errors';
import { hashPassword } from '../../lib/secrets';
import { recordAuditEvent } from '../audit';
import * as accountsRepository from './accounts.repository';
import { auditSnapshot, toStaffAccount } from './account-view';
import type { AccountWithArea } from './accounts.repository';

const isPlatformAdmin = (actor: Actor) => actor.roles.includes(ROLES.platform_admin);
const REVIEWER_ROLES: ReadonlySet<string> = new Set([
  ROLES.confirmation_reviewer,
  ROLES.qualification_reviewer,
]);

function assertPasswordAllowed(password: string, username: string, path: string) {
  const problems = checkPassword(password, 'staff', username);
  if (problems.length === 0) return;
  const messages = problems.map((p) => describePasswordProblem(p, 'staff'));
  throw validationFailed(
    messages.join(''),
    messages.map((message) => ({ path, message })),
  );
}

/** Creates the staff-account administration use cases, scoped by the actor's role and area. */
export function createStaffService({ db, clock }: { db: Db; clock: Clock }) {
  /** The exam area the actor may manage: null for a platform admin (all areas). */
  function managedArea(actor: Actor): number | null {
    if (isPlatformAdmin(actor)) return null;
    if (actor.roles.includes(ROLES.area_admin) && actor.examAreaId !== null)
      return actor.examAreaId;
    throw forbidden();
  }

  /**
   * Loads a staff account the actor may manage, locking its row for the transaction. Another
   * area's account, a candidate or a missing id look alike (404). One's own account is managed
   * through 修改密码; an area admin manages only the reviewers of the own area.
   */
  async function loadManaged(trx: Db, actor: Actor, id: number): Promise<AccountWithArea> {
    const area = managedArea(actor);
    const account = (await accountsRepository.lockById(trx, id))
      ? await accountsRepository.findById(trx, id)
      : undefined;
    if (!account || account.kind !== 'staff' || (area !== null && account.examAreaId !== area)) {
      throw notFound('未找到该工作人员账号。');
    }
    if (account.id === actor.accountId) {
      throw conflict('不能在人员管理中修改本人账号。修改本人密码请使用“修改密码”。');
    }
    if (area !== null && !account.roles.every((r) => REVIEWER_ROLES.has(r))) {
      throw forbidden('考区管理员只能管理本考区的审核员账号。');
    }
    return account;
  }

  /** Applies a change to a managed account in one transaction with its audit event. */
  async function change(
    actor: Actor,
    id: number,
    action: string,
    patch: Parameters<typeof accountsRepository.update>[2],
    options: { endSessions?: boolean; keepOnePlatformAdmin?: boolean } = {},
  ): Promise<StaffAccount> {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      if (options.keepOnePlatformAdmin) {
        // Lock every active platform admin first (always in id order), so two admins disabling
        // each other at once decide one after the other and one of them stays.
        const admins = await accountsRepository.lockActivePlatformAdmins(trx);
        if (admins.includes(id) && admins.length === 1) {
          throw conflict('不能停用最后一位平台管理员。');
        }
      }
      const before = await loadManaged(trx, actor, id);
      await accountsRepository.update(trx, id, patch, now);
      if (options.endSessions) await accountsRepository.deleteSessions(trx, id);
      const after = await accountsRepository.findById(trx, id);
      await recordAuditEvent(trx, {
        occurredAt: now,
        actorAccountId: actor.accountId,
        examAreaId: before.examAreaId,
        action,
        entityType: 'account',
        entityId: id,
        before: auditSnapshot(before),
        after: after ? auditSnapshot(after) : null,
        requestId: actor.requestId,
      });
    });
    const updated = await accountsRepository.findById(db, id);
    if (!updated) throw notFound();
    return toStaffAccount(updated, now);
  }

  return {
    /** Lists the staff the actor may manage. */
    async listStaff(actor: Actor, query: z.infer<typeof staffListQuerySchema>) {
      const area = managedArea(actor);
      const examAreaId = area ?? query.examAreaId;
      const { rows, total } = await accountsRepository.listStaff(db, { ...query, examAreaId });
      const now = clock.now();
      return {
        items: rows.map((r) => toStaffAccount(r, now)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Creates a staff account; the holder must change the initial password at first login. */
    async createStaff(actor: Actor, input: CreateStaffRequest): Promise<StaffAccount> {
      const area = managedArea(actor);
      const allowed = grantableRoles(actor.roles);
      const refused = input.roles.filter((r) => !allowed.includes(r));
      if (refused.length > 0) throw forbidden('您不能授予所选角色。');
      const roles = [...new Set(input.roles)];
      const scoped = roles.some(isAreaScopedRole);
      const examAreaId = area ?? input.examAreaId;
      if (scoped && examAreaId === null) {
        throw validationFailed('审核员和考区管理员须指定所属考区。', [
          { path: 'examAreaId', message: '请选择所属考区' },
        ]);
      }
      if (roles.includes(ROLES.platform_admin) && (scoped || input.examAreaId !== null)) {
        throw validationFailed('平台管理员不属于任何考区，不能同时担任考区角色。', [
          { path: 'roles', message: '平台管理员不能与考区角色同时授予' },
        ]);
      }
      if (
        scoped &&
        examAreaId !== null &&
        !(await accountsRepository.examAreaExists(db, examAreaId))
      ) {
        throw validationFailed('所选考区不存在，请重新选择。', [
          { path: 'examAreaId', message: '考区不存在' },
        ]);
      }
      assertPasswordAllowed(input.initialPassword, input.username, 'initialPassword');
      if (await accountsRepository.findByUsername(db, input.username)) {
        throw conflict('该用户名已被使用，请换一个用户名。');
      }
      const passwordHash = await hashPassword(input.initialPassword);
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const newId = await accountsRepository.insert(trx, {
          kind: 'staff',
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles,
          examAreaId: scoped ? examAreaId : null,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        });
        const created = await accountsRepository.findById(trx, newId);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: scoped ? examAreaId : null,
          action: 'account.created',
          entityType: 'account',
          entityId: newId,
          after: created ? auditSnapshot(created) : null,
          requestId: actor.requestId,
        });
        return newId;
      });
      const created = await accountsRepository.findById(db, id);
      if (!created) throw new AppError('internal');
      return toStaffAccount(created, now);
    },

    /** Sets a new temporary password, unlocks, and ends the account's sessions. */
    async resetPassword(actor: Actor, id: number, newPassword: string) {
      const target = await loadManaged(db, actor, id);
      assertPasswordAllowed(newPassword, target.username, 'newPassword');
      const passwordHash = await hashPassword(newPassword);
      return change(
        actor,
        id,
        'account.password_reset',
        { passwordHash, mustChangePassword: true, lockedUntil: null, failedLoginCount: 0 },
        { endSessions: true },
      );
    },

    /** Lifts a lockout. */
    unlock: (actor: Actor, id: number) =>
      change(actor, id, 'account.unlocked', { lockedUntil: null, failedLoginCount: 0 }),

    /** Disables or re-enables an account; disabling ends its sessions. */
    async setStatus(actor: Actor, id: number, status: 'active' | 'disabled') {
      if (id === actor.accountId) throw conflict('不能停用或启用自己的账号。');
      const disabling = status === 'disabled';
      return change(
        actor,
        id,
        disabling ? 'account.disabled' : 'account.enabled',
        { status },
        { endSessions: disabling, keepOnePlatformAdmin: disabling },
      );
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
