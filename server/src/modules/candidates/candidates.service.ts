import { randomBytes } from 'node:crypto';
import {
  checkPassword,
  describePasswordProblem,
  formatShanghai,
  normalizeDocumentNumber,
  parseIdentityDocument,
  parseMobile,
  parsePersonName,
  type BindEmailRequest,
  type BindEmailCodeRequest,
  type CandidateAccountView,
  type ChangeMobileCodeRequest,
  type ChangeMobileRequest,
  type NotificationChannelsRequest,
  type PasswordResetCodeRequest,
  type PasswordResetRequest,
  type SignupCodeRequest,
  type SignupRequest,
  type SignupResponse,
  type VerificationCodeSent,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, conflict, notFound, validationFailed } from '../../lib/errors';
import {
  maskDocumentNumber,
  maskEmail,
  maskMobile,
  type FieldCrypto,
} from '../../lib/field-crypto';
import { hashPassword } from '../../lib/secrets';
import { accountsRepository } from '../accounts';
import { recordAuditEvent } from '../audit';
import type { NotificationService } from '../notifications';
import type { VerificationService } from '../verification';
import * as candidatesRepository from './candidates.repository';

/** Where a request came from, for rate limits and the audit log. */
export interface RequestMeta {
  ip: string;
  requestId: string;
}

const COLUMN = {
  document: 'candidates.document_number',
  mobile: 'candidates.mobile',
  email: 'candidates.email',
} as const;

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const fieldError = (path: string, message: string) =>
  validationFailed(message, [{ path, message }]);

/**
 * Every password-reset code failure (wrong, expired, used up, unknown identifier, no such channel)
 * answers this one message, so the answer does not tell whether an account exists.
 */
export const RESET_CODE_INVALID = '验证码不正确或已失效，请核对或重新获取验证码。';

/**
 * A password-reset code request answers no sooner than this after it arrived, whether or not the
 * identifier names an account; delivery still running then finishes in the background.
 */
export const RESET_CODE_RESPONSE_MS = 1000;

const sleepUntil = (epochMs: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));

/**
 * The candidate account: sign-up with an identity document and a verified mobile number, password
 * reset through a code, the own account data, mobile change, e-mail binding and notification
 * channels. Personal values are stored encrypted with a keyed hash for lookup (lib/field-crypto).
 */
export function createCandidateService(deps: {
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
  verification: VerificationService;
  notifications: NotificationService;
}) {
  const { db, clock, crypto, verification, notifications } = deps;
  const documentHash = (number: string) => crypto.lookupHash('document', number);
  const mobileHash = (mobile: string) => crypto.lookupHash('mobile', mobile);
  const emailHash = (email: string) => crypto.lookupHash('email', email);
  const codeSent = (
    sent: { expiresInSeconds: number; resendAfterSeconds: number },
    to: string | null,
  ) => ({
    sentTo: to,
    ...sent,
  });

  function requireMobile(raw: string, path = 'mobile'): string {
    const parsed = parseMobile(raw);
    if (!parsed.ok) throw fieldError(path, parsed.message);
    return parsed.mobile;
  }

  function passwordProblems(password: string, personal: string[], path: string) {
    const problems = checkPassword(password, 'candidate', undefined, personal);
    if (problems.length === 0) return;
    const messages = problems.map((p) => describePasswordProblem(p, 'candidate'));
    throw validationFailed(
      messages.join(''),
      messages.map((message) => ({ path, message })),
    );
  }

  /** Accounts a document number or a mobile number names (normally one, or none). */
  async function accountIdsFor(identifier: string): Promise<number[]> {
    const ids = new Set<number>();
    const mobile = parseMobile(identifier);
    if (mobile.ok) {
      const id = await candidatesRepository.accountIdByMobileHash(db, mobileHash(mobile.mobile));
      if (id !== null) ids.add(id);
    }
    const number = normalizeDocumentNumber(identifier);
    if (number.length >= 5 && number.length <= 20) {
      for (const id of await candidatesRepository.accountIdsByDocumentHash(
        db,
        documentHash(number),
      )) {
        ids.add(id);
      }
    }
    return [...ids];
  }

  /**
   * Where a reset code for this identifier and channel goes: the account's mobile or verified
   * e-mail, or else a pseudo destination that receives nothing but is limited and counted alike.
   */
  async function resetTarget(identifier: string, channel: 'sms' | 'email') {
    const [accountId] = await accountIdsFor(identifier);
    const row =
      accountId === undefined
        ? undefined
        : await candidatesRepository.findByAccountId(db, accountId);
    let destination: string | null = null;
    if (row && channel === 'sms') destination = crypto.decrypt(row.mobileEncrypted, COLUMN.mobile);
    if (row?.emailEncrypted && row.emailVerifiedAt && channel === 'email') {
      destination = crypto.decrypt(row.emailEncrypted, COLUMN.email);
    }
    if (row && destination !== null) {
      return { row, destination, accountId: row.accountId as number | null };
    }
    return {
      row: undefined,
      destination: `unknown:${normalizeDocumentNumber(identifier)}`,
      accountId: null,
    };
  }

  /** Any code refusal becomes RESET_CODE_INVALID; other errors pass through. */
  const uniformCodeFailure = (error: unknown): never => {
    if (error instanceof AppError && error.code === 'validation_failed') {
      throw fieldError('code', RESET_CODE_INVALID);
    }
    throw error;
  };

  async function loadOwn(accountId: number) {
    const row = await candidatesRepository.findByAccountId(db, accountId);
    if (!row) throw notFound('未找到您的考生账号信息，请重新登录。');
    return row;
  }

  return {
    /** A code to the mobile number a visitor wants to sign up with. */
    async requestSignupCode(
      input: SignupCodeRequest,
      meta: RequestMeta,
    ): Promise<VerificationCodeSent> {
      const mobile = requireMobile(input.mobile);
      if ((await candidatesRepository.accountIdByMobileHash(db, mobileHash(mobile))) !== null) {
        throw conflict(
          '该手机号码已注册考生账号。如是您本人的账号，请直接登录，或通过“忘记密码”重新设置密码。',
        );
      }
      const sent = await verification.send({
        purpose: 'signup',
        channel: 'sms',
        destination: mobile,
        accountId: null,
        requesterIp: meta.ip,
      });
      return codeSent(sent, maskMobile(mobile));
    },

    /**
     * Creates the candidate account: checks every field, the code sent to the mobile number, one
     * account per document and per mobile number, and the password rule.
     */
    async signup(input: SignupRequest, meta: RequestMeta): Promise<SignupResponse> {
      const now = clock.now();
      const document = parseIdentityDocument(
        input.documentType,
        input.documentNumber,
        shanghaiDate.format(now),
      );
      if (!document.ok) throw fieldError('documentNumber', document.message);
      const name = parsePersonName(input.name);
      if (!name.ok) throw fieldError('name', name.message);
      const mobile = requireMobile(input.mobile);
      passwordProblems(input.password, [document.document.number, mobile], 'password');

      const codeId = await verification.check({
        purpose: 'signup',
        channel: 'sms',
        destination: mobile,
        accountId: null,
        code: input.code,
      });
      const passwordHash = await hashPassword(input.password);
      const number = document.document.number;
      // The code is used up before the answer says a document is taken (committed either way),
      // so one code cannot probe document numbers one after another.
      const outcome = await db.transaction().execute(async (trx) => {
        await verification.consume(trx, codeId);
        if (
          await candidatesRepository.existsDocument(trx, input.documentType, documentHash(number))
        ) {
          return { taken: 'documentNumber' as const };
        }
        if ((await candidatesRepository.accountIdByMobileHash(trx, mobileHash(mobile))) !== null) {
          return { taken: 'mobile' as const };
        }
        const id = await accountsRepository.insert(trx, {
          kind: 'candidate',
          username: `c${randomBytes(8).toString('hex')}`,
          displayName: name.name,
          passwordHash,
          roles: ['candidate'],
          examAreaId: null,
          passwordChangedAt: now,
        });
        await candidatesRepository.insert(trx, {
          accountId: id,
          documentType: input.documentType,
          documentNumberEncrypted: crypto.encrypt(number, COLUMN.document),
          documentNumberHash: documentHash(number),
          name: name.name,
          gender: document.document.gender ?? null,
          birthDate: document.document.birthDate ?? null,
          mobileEncrypted: crypto.encrypt(mobile, COLUMN.mobile),
          mobileHash: mobileHash(mobile),
          mobileVerifiedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: id,
          examAreaId: null,
          action: 'candidate.signed_up',
          entityType: 'candidate',
          entityId: id,
          after: {
            documentType: input.documentType,
            documentNumber: maskDocumentNumber(number),
            mobile: maskMobile(mobile),
          },
          requestId: meta.requestId,
        });
        await notifications.notify(trx, {
          accountId: id,
          title: '注册成功',
          body: '您已成功注册考生账号。今后请使用证件号码或手机号码登录，并及时完善基本信息。',
        });
        return { accountId: id };
      });
      if ('taken' in outcome) {
        throw outcome.taken === 'documentNumber'
          ? conflict(
              '该证件号码已注册考生账号，每个证件只能注册一个账号。如是您本人的账号，请直接登录或通过“忘记密码”找回；如证件被他人冒用，请联系考区。本次验证码已失效，如需重新注册，请重新获取验证码。',
              { field: 'documentNumber' },
            )
          : conflict(
              '该手机号码已注册考生账号，请更换手机号码，或直接登录。本次验证码已失效，如需重新注册，请重新获取验证码。',
              { field: 'mobile' },
            );
      }
      return {
        accountId: outcome.accountId,
        loginHint: '注册成功。今后可使用证件号码或手机号码登录。',
      };
    },

    /**
     * A password-reset code to the account's mobile (or verified e-mail). The answer is the same
     * whether or not the identifier names an account, so it cannot be used to find out who has one.
     */
    async requestPasswordResetCode(
      input: PasswordResetCodeRequest,
      meta: RequestMeta,
    ): Promise<VerificationCodeSent> {
      const respondBy = Date.now() + RESET_CODE_RESPONSE_MS;
      try {
        const channel = input.channel ?? 'sms';
        const target = await resetTarget(input.identifier, channel);
        const sent = await verification.send({
          purpose: 'password_reset',
          channel,
          destination: target.destination,
          accountId: target.accountId,
          requesterIp: meta.ip,
          deliver: target.row !== undefined,
          concealDelivery: { respondBy },
        });
        return codeSent(sent, null);
      } finally {
        await sleepUntil(respondBy);
      }
    },

    /** Sets a new password with a reset code; unlocks the account and ends all its sessions. */
    async resetPassword(input: PasswordResetRequest, meta: RequestMeta): Promise<void> {
      const channel = input.channel;
      const target = await resetTarget(input.identifier, channel);
      // Checked (and a wrong guess counted) for unknown identifiers too, on the pseudo destination.
      const codeId = await verification
        .check({
          purpose: 'password_reset',
          channel,
          destination: target.destination,
          accountId: target.accountId,
          code: input.code,
        })
        .catch(uniformCodeFailure);
      const { row } = target;
      if (!row) throw fieldError('code', RESET_CODE_INVALID);
      const mobile = crypto.decrypt(row.mobileEncrypted, COLUMN.mobile);
      const documentNumber = crypto.decrypt(row.documentNumberEncrypted, COLUMN.document);
      passwordProblems(input.newPassword, [documentNumber, mobile], 'newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await verification.consume(trx, codeId).catch(uniformCodeFailure);
        await accountsRepository.update(
          trx,
          row.accountId,
          {
            passwordHash,
            failedLoginCount: 0,
            lockedUntil: null,
            mustChangePassword: false,
            passwordChangedAt: now,
          },
          now,
        );
        await accountsRepository.deleteSessions(trx, row.accountId);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: row.accountId,
          examAreaId: null,
          action: 'candidate.password_reset',
          entityType: 'candidate',
          entityId: row.accountId,
          after: { channel },
          requestId: meta.requestId,
        });
        await notifications.notify(trx, {
          accountId: row.accountId,
          title: '密码已重置',
          body: `您的考生账号密码已于 ${formatShanghai(now)}（北京时间）通过验证码重置。如非本人操作，请立即再次重置密码并联系考区。`,
        });
      });
    },

    /** The own account: full document and mobile numbers for the owner, masked ones beside. */
    async getAccount(accountId: number): Promise<CandidateAccountView> {
      const row = await loadOwn(accountId);
      const documentNumber = crypto.decrypt(row.documentNumberEncrypted, COLUMN.document);
      const mobile = crypto.decrypt(row.mobileEncrypted, COLUMN.mobile);
      const email = row.emailEncrypted ? crypto.decrypt(row.emailEncrypted, COLUMN.email) : null;
      return {
        accountId: row.accountId,
        documentType: row.documentType,
        documentNumber,
        documentNumberMasked: maskDocumentNumber(documentNumber),
        name: row.name,
        gender: row.gender,
        birthDate: row.birthDate,
        mobile,
        mobileMasked: maskMobile(mobile),
        mobileVerifiedAt: row.mobileVerifiedAt.toISOString(),
        email,
        emailMasked: email ? maskEmail(email) : null,
        emailVerifiedAt: row.emailVerifiedAt?.toISOString() ?? null,
        notificationChannels: row.notificationChannels,
        createdAt: row.createdAt.toISOString(),
      };
    },

    /** A code to the new mobile number the candidate wants to use. */
    async requestMobileChangeCode(
      actor: Actor,
      input: ChangeMobileCodeRequest,
      meta: RequestMeta,
    ): Promise<VerificationCodeSent> {
      const row = await loadOwn(actor.accountId);
      const mobile = requireMobile(input.mobile);
      if (crypto.sameHash(row.mobileHash, mobileHash(mobile))) {
        throw fieldError('mobile', '新手机号码与当前手机号码相同，无需更换。');
      }
      if ((await candidatesRepository.accountIdByMobileHash(db, mobileHash(mobile))) !== null) {
        throw conflict('该手机号码已被其他考生账号使用，请更换其他号码。');
      }
      const sent = await verification.send({
        purpose: 'change_mobile',
        channel: 'sms',
        destination: mobile,
        accountId: actor.accountId,
        requesterIp: meta.ip,
      });
      return codeSent(sent, maskMobile(mobile));
    },

    async changeMobile(actor: Actor, input: ChangeMobileRequest): Promise<CandidateAccountView> {
      const mobile = requireMobile(input.mobile);
      const codeId = await verification.check({
        purpose: 'change_mobile',
        channel: 'sms',
        destination: mobile,
        accountId: actor.accountId,
        code: input.code,
      });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await candidatesRepository.lockByAccountId(trx, actor.accountId);
        if (!row) throw notFound('未找到您的考生账号信息，请重新登录。');
        const owner = await candidatesRepository.accountIdByMobileHash(trx, mobileHash(mobile));
        if (owner !== null && owner !== actor.accountId) {
          throw conflict('该手机号码已被其他考生账号使用，请更换其他号码。');
        }
        await verification.consume(trx, codeId);
        const before = maskMobile(crypto.decrypt(row.mobileEncrypted, COLUMN.mobile));
        await candidatesRepository.update(trx, actor.accountId, {
          mobileEncrypted: crypto.encrypt(mobile, COLUMN.mobile),
          mobileHash: mobileHash(mobile),
          mobileVerifiedAt: now,
          updatedAt: now,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'candidate.mobile_changed',
          entityType: 'candidate',
          entityId: actor.accountId,
          before: { mobile: before },
          after: { mobile: maskMobile(mobile) },
          requestId: actor.requestId,
        });
        await notifications.notify(trx, {
          accountId: actor.accountId,
          title: '手机号码已更换',
          body: `您的考生账号手机号码已由 ${before} 更换为 ${maskMobile(mobile)}。今后请使用新号码登录和接收验证码。如非本人操作，请立即修改密码并联系考区。`,
        });
      });
      return this.getAccount(actor.accountId);
    },

    /** A code to the e-mail address the candidate wants to bind. */
    async requestEmailCode(
      actor: Actor,
      input: BindEmailCodeRequest,
      meta: RequestMeta,
    ): Promise<VerificationCodeSent> {
      const row = await loadOwn(actor.accountId);
      const email = input.email.trim().toLowerCase();
      if (
        row.emailHash &&
        row.emailVerifiedAt &&
        crypto.sameHash(row.emailHash, emailHash(email))
      ) {
        throw fieldError('email', '该电子邮箱已绑定并验证，无需重复绑定。');
      }
      const sent = await verification.send({
        purpose: 'bind_email',
        channel: 'email',
        destination: email,
        accountId: actor.accountId,
        requesterIp: meta.ip,
      });
      return codeSent(sent, maskEmail(email));
    },

    async bindEmail(actor: Actor, input: BindEmailRequest): Promise<CandidateAccountView> {
      const email = input.email.trim().toLowerCase();
      const codeId = await verification.check({
        purpose: 'bind_email',
        channel: 'email',
        destination: email,
        accountId: actor.accountId,
        code: input.code,
      });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await candidatesRepository.lockByAccountId(trx, actor.accountId);
        if (!row) throw notFound('未找到您的考生账号信息，请重新登录。');
        await verification.consume(trx, codeId);
        const before = row.emailEncrypted
          ? maskEmail(crypto.decrypt(row.emailEncrypted, COLUMN.email))
          : null;
        await candidatesRepository.update(trx, actor.accountId, {
          emailEncrypted: crypto.encrypt(email, COLUMN.email),
          emailHash: emailHash(email),
          emailVerifiedAt: now,
          updatedAt: now,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'candidate.email_bound',
          entityType: 'candidate',
          entityId: actor.accountId,
          before: { email: before },
          after: { email: maskEmail(email) },
          requestId: actor.requestId,
        });
      });
      return this.getAccount(actor.accountId);
    },

    /** Removes the contact e-mail address; e-mail notifications stop with it. */
    async unbindEmail(actor: Actor): Promise<CandidateAccountView> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await candidatesRepository.lockByAccountId(trx, actor.accountId);
        if (!row) throw notFound('未找到您的考生账号信息，请重新登录。');
        if (!row.emailEncrypted) throw fieldError('email', '您尚未绑定电子邮箱。');
        await candidatesRepository.update(trx, actor.accountId, {
          emailEncrypted: null,
          emailHash: null,
          emailVerifiedAt: null,
          notificationChannels: row.notificationChannels.filter((c) => c !== 'email'),
          updatedAt: now,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'candidate.email_unbound',
          entityType: 'candidate',
          entityId: actor.accountId,
          before: { email: maskEmail(crypto.decrypt(row.emailEncrypted, COLUMN.email)) },
          after: { email: null },
          requestId: actor.requestId,
        });
      });
      return this.getAccount(actor.accountId);
    },

    /** Which channels notifications use; in-app always, e-mail only with a verified address. */
    async setNotificationChannels(
      actor: Actor,
      input: NotificationChannelsRequest,
    ): Promise<CandidateAccountView> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await candidatesRepository.lockByAccountId(trx, actor.accountId);
        if (!row) throw notFound('未找到您的考生账号信息，请重新登录。');
        if (input.channels.includes('email') && !row.emailVerifiedAt) {
          throw fieldError('channels', '请先绑定并验证电子邮箱，再开启邮件通知。');
        }
        await candidatesRepository.update(trx, actor.accountId, {
          notificationChannels: input.channels,
          updatedAt: now,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'candidate.notification_channels_changed',
          entityType: 'candidate',
          entityId: actor.accountId,
          before: { channels: row.notificationChannels },
          after: { channels: input.channels },
          requestId: actor.requestId,
        });
      });
      return this.getAccount(actor.accountId);
    },

    /** For login: the accounts a document or mobile number names. */
    accountIdsFor,

    /** For password changes: the values a candidate's password must not contain. */
    async personalValues(accountId: number): Promise<string[]> {
      const row = await candidatesRepository.findByAccountId(db, accountId);
      if (!row) return [];
      return [
        crypto.decrypt(row.documentNumberEncrypted, COLUMN.document),
        crypto.decrypt(row.mobileEncrypted, COLUMN.mobile),
      ];
    },
  };
}
export type CandidateService = ReturnType<typeof createCandidateService>;
