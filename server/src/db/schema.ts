import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  EarlyApplicationClaim,
  ExamMode,
  IdentityDocumentType,
  NotificationLocale,
  MaterialSlotKey,
  PhaseKind,
  RegistrationActor,
  RegistrationStatus,
  RegistrationTimelineEvent,
  Role,
  TodoKind,
} from '@hqe/core';

/** Database tables as Kysely sees them (camelCase through CamelCasePlugin). */
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export interface ExamAreasTable {
  id: Generated<number>;
  code: string;
  name: string;
  createdAt: CreatedAt;
}

export interface ExamAreaCitiesTable {
  id: Generated<number>;
  examAreaId: number;
  code: string;
  name: string;
  sortOrder: number;
  /** False once taken out of use (0003); never deleted, registrations refer to it. */
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** An exam area's own eligibility rules (P1, P2); no row: the platform defaults apply (0003). */
export interface ExamAreaSettingsTable {
  examAreaId: number;
  nonLocalHouseholdDocuments: boolean;
  socialSecurityEmployerMatch: boolean;
  practiceSiteEmployerMatch: boolean;
  hmtAndForeignDocuments: boolean;
  updatedAt: Date;
}

export interface ExamsTable {
  id: Generated<number>;
  code: string;
  name: string;
  createdAt: CreatedAt;
}

export interface CyclesTable {
  id: Generated<number>;
  examId: number;
  year: number;
  name: string;
  /** A calendar date, kept as 'YYYY-MM-DD'. */
  workYearsCutoff: string;
  createdAt: CreatedAt;
}

export interface CyclePhasesTable {
  id: Generated<number>;
  cycleId: number;
  examAreaId: number;
  kind: PhaseKind;
  startsAt: Date;
  endsAt: Date;
}

export type SpecialtyLevel = 'junior_assistant' | 'junior' | 'intermediate';
export type SpecialtyCategory = 'doctor' | 'nursing' | 'pharmacy' | 'technician' | 'other';

export interface SpecialtiesTable {
  id: Generated<number>;
  examId: number;
  code: string;
  name: string;
  level: SpecialtyLevel;
  category: SpecialtyCategory;
  certainty: 'sourced' | 'uncertain';
  /** The subjects (科目), in order; the four standard ones unless an administrator changed them. */
  subjects: ColumnType<string[], string[] | undefined, string[]>;
  examMode: ColumnType<ExamMode, ExamMode | undefined, ExamMode>;
}

export interface TestSitesTable {
  id: Generated<number>;
  examAreaId: number;
  code: string;
  name: string;
  address: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
}

export interface AreaOfferingsTable {
  id: Generated<number>;
  cycleId: number;
  examAreaId: number;
  specialtyId: number;
  /** Fee per subject in fen (分). */
  feePerSubjectFen: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
}

export interface ExamNoticesTable {
  id: Generated<number>;
  cycleId: number;
  examAreaId: number;
  title: string;
  body: string;
  /** Null while a draft; set when published, cleared when unpublished. */
  publishedAt: Date | null;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
}

export interface ExamNoticeAttachmentsTable {
  id: Generated<number>;
  noticeId: number;
  fileName: string;
  /** Where the bytes are, in the file storage. */
  storageKey: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: ColumnType<Date, Date, never>;
}

export interface AccountsTable {
  id: Generated<number>;
  kind: 'candidate' | 'staff';
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  examAreaId: number | null;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined>;
  failedLoginCount: ColumnType<number, number | undefined>;
  lockedUntil: Date | null;
  mustChangePassword: ColumnType<boolean, boolean | undefined>;
  passwordChangedAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | undefined>;
}

export interface SessionsTable {
  id: string;
  accountId: number;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurredAt: Date;
  actorAccountId: number | null;
  examAreaId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Json;
  after: Json;
  requestId: string | null;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: ColumnType<JobStatus, JobStatus | undefined>;
  runAt: Date;
  attempts: ColumnType<number, number | undefined>;
  maxAttempts: ColumnType<number, number | undefined>;
  lastError: string | null;
  lockedAt: Date | null;
  lockedBy: string | null;
  uniqueKey: string | null;
  createdAt: CreatedAt;
  finishedAt: Date | null;
}

/** A candidate's identity and contacts (0004); personal values encrypted, with keyed hashes. */
export interface CandidatesTable {
  accountId: number;
  documentType: IdentityDocumentType;
  documentNumberEncrypted: string;
  documentNumberHash: string;
  name: string;
  gender: 'male' | 'female' | null;
  /** A calendar date, kept as 'YYYY-MM-DD'; null when the document does not carry it. */
  birthDate: string | null;
  mobileEncrypted: string;
  mobileHash: string;
  mobileVerifiedAt: Date;
  emailEncrypted: string | null;
  emailHash: string | null;
  emailVerifiedAt: Date | null;
  notificationChannels: ColumnType<
    NotificationChannelKind[],
    NotificationChannelKind[] | undefined
  >;
  /** The language of the candidate's messages (0011); zh-CN unless the candidate chose English. */
  notificationLocale: ColumnType<NotificationLocale, NotificationLocale | undefined>;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
}

export type VerificationPurpose = 'signup' | 'password_reset' | 'change_mobile' | 'bind_email';
export type NotificationChannelKind = 'in_app' | 'email';

export interface VerificationCodesTable {
  id: Generated<number>;
  purpose: VerificationPurpose;
  channel: 'sms' | 'email';
  destinationHash: string;
  accountId: number | null;
  codeHash: string;
  expiresAt: Date;
  attempts: ColumnType<number, number | undefined>;
  consumedAt: Date | null;
  requesterIpHash: string | null;
  createdAt: Date;
}

export interface OutboundMessagesTable {
  id: Generated<number>;
  channel: 'sms' | 'email';
  recipientHash: string;
  recipientEncrypted: string;
  subject: string;
  bodyEncrypted: string;
  createdAt: Date;
}

export interface NotificationsTable {
  id: Generated<number>;
  accountId: number;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

/** A candidate's basic information (0005): each section a jsonb document checked by core schemas. */
export interface CandidateProfilesTable {
  accountId: number;
  version: ColumnType<number, number | undefined, number>;
  personal: Json;
  currentEmployer: Json;
  education: Json;
  workHistory: Json;
  qualifications: Json;
  earlyApplicationClaims: Json;
  declarations: Json;
  /** Set when a confirmed registration depends on the profile; edits are then refused. */
  lockedAt: Date | null;
  lockedReason: string | null;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
}

/** A candidate's current base photo (0005): the normalised JPEG in file storage. */
export interface CandidatePhotosTable {
  accountId: number;
  storageKey: string;
  sha256: string;
  width: number;
  height: number;
  sizeBytes: number;
  uploadedAt: Date;
}

/** The last registration-number sequence given per area and cycle (0006). */
export interface RegistrationNumberCountersTable {
  examAreaId: number;
  cycleId: number;
  lastSequence: ColumnType<number, number | undefined, number>;
}

/** A candidate's registration for one exam cycle (0006); see docs/decisions/0012. */
export interface RegistrationsTable {
  id: Generated<number>;
  accountId: number;
  cycleId: number;
  examAreaId: number;
  registrationNumber: string;
  status: ColumnType<RegistrationStatus, RegistrationStatus | undefined, RegistrationStatus>;
  version: ColumnType<number, number | undefined, number>;
  cityId: number | null;
  testSiteId: number | null;
  areaOfferingId: number | null;
  employer: string | null;
  department: string | null;
  post: string | null;
  yearsInSpecialty: number | null;
  educationIndex: number | null;
  educationSnapshot: Json;
  earlyApplicationClaim: EarlyApplicationClaim | null;
  returningFileNumber: string | null;
  infoSavedAt: Date | null;
  photoStorageKey: string | null;
  photoSha256: string | null;
  photoConfirmedAt: Date | null;
  formDownloadedAt: Date | null;
  /**
   * The first download of the form after what it prints last changed (0012): a stamped form
   * uploaded before it no longer counts. Null: every stamped form counts.
   */
  formValidFrom: Date | null;
  submittedAt: Date | null;
  confirmedAt: Date | null;
  returnReasons: ColumnType<unknown, string | undefined, string>;
  returnNote: string | null;
  eligibilitySnapshot: Json;
  lastSubmitKey: string | null;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
  /** The last automatic confirmation's outcome (0007), or null when none was attempted. */
  autoConfirmation: ColumnType<unknown, string | null | undefined, string | null>;
  /** When it last entered a review queue (0008): (re)submitted or confirmed; null before that. */
  queuedAt: Date | null;
  /** The reviewer holding it (领取) and the end of the lease (0008): both set or both null. */
  claimedBy: number | null;
  claimExpiresAt: Date | null;
  /** The qualification decision (0009): recorded when taken, shown from publication (R18). */
  reviewResult: 'qualified' | 'disqualified' | null;
  reviewReasons: ColumnType<unknown, string | undefined, string>;
  reviewNote: string | null;
  reviewedAt: Date | null;
  reviewedBy: number | null;
  /** The last supplement request (0009): slot keys, the reviewer's note, when. */
  supplementSlots: ColumnType<unknown, string | null | undefined, string | null>;
  supplementNote: string | null;
  supplementRequestedAt: Date | null;
}

/** An exam area's return and failure reasons (0009), per review stage. */
export interface ReviewReasonsTable {
  id: Generated<number>;
  examAreaId: number;
  stage: 'confirmation' | 'qualification';
  code: string;
  label: string;
  explanation: string;
  position: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Date;
  updatedAt: Date;
}

/** What a candidate submitted, once per submission and resubmission (0009). */
export interface RegistrationSubmissionsTable {
  id: Generated<number>;
  registrationId: number;
  /** The timeline entry of the submission (registration_events). */
  eventId: number;
  event: 'submit' | 'resubmit';
  submittedAt: Date;
  snapshot: ColumnType<unknown, string, never>;
}

/** One import of last year's results of an area (0007). */
export interface PreviousResultImportsTable {
  id: Generated<number>;
  examAreaId: number;
  year: number;
  fileName: string;
  sha256: string;
  rowCount: number;
  importedBy: number | null;
  importedAt: Date;
}

/** One subject's result in `previous_results.subject_results`. */
export interface PreviousSubjectResult {
  subject: string;
  /** The score when the file gives one; null for 合格/不合格 only. */
  score: number | null;
  passed: boolean;
}

/** One candidate's result of a previous cycle in an area, for one specialty (0007). */
export interface PreviousResultsTable {
  id: Generated<number>;
  examAreaId: number;
  year: number;
  documentNumberHash: string;
  documentNumberEncrypted: string;
  name: string;
  cityCode: string;
  testSiteCode: string;
  specialtyCode: string;
  level: SpecialtyLevel;
  subjectResults: ColumnType<PreviousSubjectResult[], string, string>;
  absent: boolean;
  disciplined: boolean;
  importId: number;
  importedAt: Date;
}

/** One entry of a registration's timeline (0006). */
export interface RegistrationEventsTable {
  id: Generated<number>;
  registrationId: number;
  /**
   * The area and cycle the registration was in when it happened (0013); a change of area is the
   * new area's. The dashboard counts an area's events by them.
   */
  examAreaId: number;
  cycleId: number;
  event: RegistrationTimelineEvent;
  fromStatus: RegistrationStatus | null;
  toStatus: RegistrationStatus;
  actorAccountId: number | null;
  actorKind: RegistrationActor;
  reasons: ColumnType<unknown, string | undefined, never>;
  note: string | null;
  occurredAt: Date;
}

/** A material file of a registration (0006): the bytes and the thumbnail in file storage. */
export interface RegistrationMaterialFilesTable {
  id: Generated<number>;
  registrationId: number;
  slotKey: MaterialSlotKey;
  position: number;
  storageKey: string;
  thumbnailKey: string | null;
  contentType: 'image/jpeg' | 'application/pdf';
  kind: 'image' | 'pdf';
  sizeBytes: number;
  sha256: string;
  pages: number | null;
  width: number | null;
  height: number | null;
  originalName: string;
  uploadedAt: Date;
}

/** A message to a candidate in the outbox (0011); see docs/decisions/0013-notifications.md. */
export interface NotificationMessagesTable {
  id: Generated<number>;
  accountId: number;
  examAreaId: number | null;
  templateKey: string;
  locale: NotificationLocale;
  channel: 'in_app' | 'email' | 'sms' | 'wechat';
  recipientMasked: string | null;
  /** Encrypted JSON {subject, body, sms}; null for in-app messages (their text is `notifications`). */
  contentEncrypted: string | null;
  notificationId: number | null;
  status: ColumnType<
    'queued' | 'sending' | 'sent' | 'failed' | 'dead',
    'queued' | 'sending' | 'sent' | 'failed' | 'dead' | undefined
  >;
  attempts: ColumnType<number, number | undefined>;
  maxAttempts: number;
  nextAttemptAt: Date | null;
  lockedBy: string | null;
  lockedAt: Date | null;
  lastError: string | null;
  dedupeKey: string;
  createdAt: Date;
  sentAt: Date | null;
}

/** One try at delivering an outbox message (0011). */
export interface NotificationDeliveryAttemptsTable {
  id: Generated<number>;
  messageId: number;
  attemptNo: number;
  workerId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  ok: boolean | null;
  error: string | null;
}

/** An exam area's own text of a notification template in one language (0011). */
export interface NotificationTemplatesTable {
  id: Generated<number>;
  examAreaId: number;
  templateKey: string;
  locale: NotificationLocale;
  subject: string;
  body: string;
  sms: string | null;
  updatedBy: number | null;
  updatedAt: Date;
}

/** An item of a candidate's to-do centre (待办事项, 0011). */
export interface TodoItemsTable {
  id: Generated<number>;
  accountId: number;
  kind: TodoKind;
  title: string;
  detail: string | null;
  linkPath: string;
  deadlineAt: Date | null;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined>;
  dedupeKey: string;
  createdAt: Date;
  updatedAt: Date;
  doneAt: Date | null;
}

export interface Database {
  examAreas: ExamAreasTable;
  examAreaCities: ExamAreaCitiesTable;
  examAreaSettings: ExamAreaSettingsTable;
  exams: ExamsTable;
  cycles: CyclesTable;
  cyclePhases: CyclePhasesTable;
  specialties: SpecialtiesTable;
  testSites: TestSitesTable;
  areaOfferings: AreaOfferingsTable;
  examNotices: ExamNoticesTable;
  examNoticeAttachments: ExamNoticeAttachmentsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  auditEvents: AuditEventsTable;
  jobs: JobsTable;
  candidateProfiles: CandidateProfilesTable;
  candidatePhotos: CandidatePhotosTable;
  candidates: CandidatesTable;
  verificationCodes: VerificationCodesTable;
  outboundMessages: OutboundMessagesTable;
  notifications: NotificationsTable;
  registrationNumberCounters: RegistrationNumberCountersTable;
  registrations: RegistrationsTable;
  registrationEvents: RegistrationEventsTable;
  registrationMaterialFiles: RegistrationMaterialFilesTable;
  reviewReasons: ReviewReasonsTable;
  registrationSubmissions: RegistrationSubmissionsTable;
  previousResultImports: PreviousResultImportsTable;
  previousResults: PreviousResultsTable;
  notificationMessages: NotificationMessagesTable;
  notificationDeliveryAttempts: NotificationDeliveryAttemptsTable;
  notificationTemplates: NotificationTemplatesTable;
  todoItems: TodoItemsTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type Job = Selectable<JobsTable>;
