import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ExamMode, PhaseKind, Role } from '@hqe/core';

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

export interface Database {
  examAreas: ExamAreasTable;
  examAreaCities: ExamAreaCitiesTable;
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
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type Job = Selectable<JobsTable>;
