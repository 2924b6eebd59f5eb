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

  /** Loads a staff account the actor may manage, or fails as if it did not exist. */
  async function loadManaged(actor: Actor, id: number): Promise<AccountWithArea> {
    const area = managedArea(actor);
    const account = await accountsRepository.findById(db, id);
    if (!account || account.kind !== 'staff' || (area !== null && account.examAreaId !== area)) {
      throw notFound('未找到该工作人员账号。');
    }
    if (area !== null && account.roles.includes(ROLES.platform_admin)) throw forbidden();
    return account;
  }

  /** Applies a change to a managed account in one transaction with its audit event. */
  async function change(
    actor: Actor,
    id: number,
    action: string,
    patch: Parameters<typeof accountsRepository.update>[2],
    options: { endSessions?: boolean } = {},
  ): Promise<StaffAccount> {
    const before = await loadManaged(actor, id);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await accountsRepository.update(trx, id, patch, now);
      if (options.endSessions)
        await trx.deleteFrom('sessions').where('accountId', '=', id).execute();
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
      if (!scoped && roles.includes(ROLES.platform_admin) && input.examAreaId !== null) {
        throw validationFailed('平台管理员不属于任何考区。', [
          { path: 'examAreaId', message: '平台管理员无需选择考区' },
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
      const target = await loadManaged(actor, id);
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
      return change(
        actor,
        id,
        status === 'disabled' ? 'account.disabled' : 'account.enabled',
        { status },
        { endSessions: status === 'disabled' },
      );
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
