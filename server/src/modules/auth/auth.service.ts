import {
  checkPassword,
  describePasswordProblem,
  formatShanghai,
  type AccountView,
  type ChangePasswordRequest,
  type LoginRequest,
} from '@hqe/core';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, validationFailed } from '../../lib/errors';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from '../../lib/secrets';
import {
  accountsRepository,
  auditSnapshot,
  toAccountView,
  type AccountSummary,
  type AccountWithArea,
} from '../accounts';
import { recordAuditEvent } from '../audit';
import * as sessionsRepository from './sessions.repository';

/** The logged-in account and its session, as resolved from the session cookie. */
export interface AuthContext {
  account: AccountSummary;
  sessionId: string;
  csrfToken: string;
}

/** Sessions are touched at most this often, so a busy client costs one write a minute. */
const TOUCH_INTERVAL_MS = 60_000;

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the account does not exist, so timing does not reveal it. */
const getDummyHash = () => (dummyHash ??= hashPassword('dummy-password-for-timing'));

export interface LoginMeta {
  userAgent: string | null;
  requestId: string;
  portal?: 'candidate' | 'console' | undefined;
}

/**
 * What authentication needs to know of candidate accounts, provided by the candidates module
 * (injected in app.ts, so neither module imports the other).
 */
export interface CandidateDirectory {
  /** The accounts a document number or mobile number names (normally one, or none). */
  accountIdsFor(identifier: string): Promise<number[]>;
  /** Values a candidate's password must not contain: the document and mobile numbers. */
  personalValues(accountId: number): Promise<string[]>;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  account: AccountView;
}

/** Creates the authentication use cases: log in and out, resolve sessions, change a password. */
export function createAuthService({
  db,
  clock,
  config,
  candidates,
}: {
  db: Db;
  clock: Clock;
  config: Config;
  candidates?: CandidateDirectory;
}) {
  const idleMs = config.session.idleMinutes * 60_000;
  const maxMs = config.session.maxHours * 3_600_000;
  const expiryFor = (createdAt: Date, now: Date) =>
    new Date(Math.min(createdAt.getTime() + maxMs, now.getTime() + idleMs));

  const lockedError = (until: Date) =>
    new AppError(
      'account_locked',
      `密码连续输错次数过多，账号已暂时锁定。请于 ${formatShanghai(until)}（北京时间）后再试，或联系管理员解锁。`,
      { lockedUntil: until.toISOString() },
    );

  const isLocked = (lockedUntil: Date | null, now: Date) =>
    lockedUntil !== null && lockedUntil.getTime() > now.getTime();

  /**
   * Records a failed password under a row lock, so parallel guesses count one by one. The count of
   * consecutive failures is kept while locked: once a lock expires, a single further failure locks
   * again. Returns the lock's end when the account is (now) locked.
   */
  async function recordFailure(account: AccountWithArea, meta: LoginMeta): Promise<Date | null> {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const current = await accountsRepository.lockLoginState(trx, account.id);
      const failures = current.failedLoginCount + 1;
      if (isLocked(current.lockedUntil, now)) {
        await accountsRepository.update(trx, account.id, { failedLoginCount: failures }, now);
        return current.lockedUntil;
      }
      if (failures < config.login.maxFailures) {
        await accountsRepository.update(trx, account.id, { failedLoginCount: failures }, now);
        return null;
      }
      const lockedUntil = new Date(now.getTime() + config.login.lockMinutes * 60_000);
      await accountsRepository.update(
        trx,
        account.id,
        { lockedUntil, failedLoginCount: failures },
        now,
      );
      await sessionsRepository.deleteByAccount(trx, account.id);
      await recordAuditEvent(trx, {
        occurredAt: now,
        actorAccountId: null,
        examAreaId: account.examAreaId,
        action: 'account.locked',
        entityType: 'account',
        entityId: account.id,
        before: { lockedUntil: null },
        after: { lockedUntil: lockedUntil.toISOString(), reason: 'repeated_login_failures' },
        requestId: meta.requestId,
      });
      return lockedUntil;
    });
  }

  /**
   * The accounts a login name names: a staff username; for candidates also a document number or
   * mobile number. The candidate entrance tries those first (a passport number could look like a
   * username), the console only usernames.
   */
  async function findLoginAccounts(
    name: string,
    portal: LoginMeta['portal'],
  ): Promise<AccountWithArea[]> {
    const byUsername = async () => {
      const account = await accountsRepository.findByUsername(db, name);
      return account ? [account] : [];
    };
    const byIdentifier = async () => {
      if (!candidates) return [];
      const accounts = await Promise.all(
        (await candidates.accountIdsFor(name)).map((id) => accountsRepository.findById(db, id)),
      );
      return accounts.filter((a): a is AccountWithArea => a !== undefined);
    };
    if (portal === 'console') return byUsername();
    const [first, second] =
      portal === 'candidate' ? [byIdentifier, byUsername] : [byUsername, byIdentifier];
    const found = await first();
    return found.length > 0 ? found : second();
  }

  return {
    /** Checks the password, applies lockout, and opens a new session. */
    async login(input: LoginRequest, meta: LoginMeta): Promise<LoginResult> {
      const found = await findLoginAccounts(input.username, meta.portal);
      let account = found[0];
      if (!account) {
        await verifyPassword(await getDummyHash(), input.password);
        throw new AppError('invalid_credentials');
      }
      // One number on two documents of different types (rare): the password tells whose it is.
      for (const other of found.length > 1 ? found : []) {
        if (await verifyPassword(other.passwordHash, input.password)) {
          account = other;
          break;
        }
      }
      const now = clock.now();
      if (account.lockedUntil && isLocked(account.lockedUntil, now)) {
        throw lockedError(account.lockedUntil);
      }
      if (!(await verifyPassword(account.passwordHash, input.password))) {
        const lockedUntil = await recordFailure(account, meta);
        if (lockedUntil) throw lockedError(lockedUntil);
        throw new AppError('invalid_credentials');
      }
      if (account.status !== 'active') {
        throw new AppError('forbidden', '该账号已停用。如需使用，请联系考区管理员。');
      }
      if (meta.portal === 'console' && account.kind !== 'staff') {
        throw new AppError('forbidden', '此入口供考区工作人员使用。考生请从考生入口登录。');
      }
      if (meta.portal === 'candidate' && account.kind !== 'candidate') {
        throw new AppError('forbidden', '此入口供考生使用。工作人员请从管理入口登录。');
      }
      const sessionToken = randomToken();
      const csrfToken = randomToken();
      await db.transaction().execute(async (trx) => {
        // A lock set by parallel wrong guesses while this password was being checked still holds.
        const current = await accountsRepository.lockLoginState(trx, account.id);
        if (current.lockedUntil && isLocked(current.lockedUntil, now)) {
          throw lockedError(current.lockedUntil);
        }
        if (current.status !== 'active') {
          throw new AppError('forbidden', '该账号已停用。如需使用，请联系考区管理员。');
        }
        await accountsRepository.update(
          trx,
          account.id,
          { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
          now,
        );
        await sessionsRepository.insert(trx, {
          id: sha256Hex(sessionToken),
          accountId: account.id,
          csrfToken,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: expiryFor(now, now),
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: account.id,
          examAreaId: account.examAreaId,
          action: 'auth.login',
          entityType: 'account',
          entityId: account.id,
          requestId: meta.requestId,
        });
      });
      return { sessionToken, csrfToken, account: toAccountView(account) };
    },

    /** Resolves a session cookie to its account; null when unknown, expired or disabled. */
    async resolveSession(sessionToken: string): Promise<AuthContext | null> {
      const now = clock.now();
      const row = await sessionsRepository.findActiveWithAccount(db, sha256Hex(sessionToken), now);
      if (!row) return null;
      if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
        await sessionsRepository.touch(
          db,
          row.sessionId,
          now,
          expiryFor(row.sessionCreatedAt, now),
        );
      }
      const {
        sessionId,
        csrfToken,
        sessionCreatedAt: _created,
        lastSeenAt: _seen,
        ...account
      } = row;
      return { account, sessionId, csrfToken };
    },

    /** Ends the session. */
    async logout(sessionId: string): Promise<void> {
      await sessionsRepository.deleteById(db, sessionId);
    },

    /** Changes the own password under the policy; ends the account's other sessions. */
    async changePassword(auth: AuthContext, actor: Actor, input: ChangePasswordRequest) {
      const account = await accountsRepository.findById(db, auth.account.id);
      if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
        throw new AppError('invalid_credentials', '当前密码不正确，请重新输入。');
      }
      const personal =
        account.kind === 'candidate' && candidates
          ? await candidates.personalValues(account.id)
          : [];
      const problems = checkPassword(input.newPassword, account.kind, account.username, personal);
      if (input.newPassword === input.currentPassword) {
        throw validationFailed('新密码不能与当前密码相同，请换一个密码。', [
          { path: 'newPassword', message: '新密码不能与当前密码相同' },
        ]);
      }
      if (problems.length > 0) {
        const messages = problems.map((p) => describePasswordProblem(p, account.kind));
        throw validationFailed(
          messages.join(''),
          messages.map((message) => ({ path: 'newPassword', message })),
        );
      }
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await accountsRepository.update(
          trx,
          account.id,
          { passwordHash, mustChangePassword: false, passwordChangedAt: now },
          now,
        );
        await sessionsRepository.deleteByAccount(trx, account.id, auth.sessionId);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: account.examAreaId,
          action: 'account.password_changed',
          entityType: 'account',
          entityId: account.id,
          before: { mustChangePassword: auditSnapshot(account).mustChangePassword },
          after: { mustChangePassword: false },
          requestId: actor.requestId,
        });
      });
    },

    /** Removes expired sessions (run by the jobs worker). */
    purgeExpiredSessions: () => sessionsRepository.deleteExpired(db, clock.now()),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
