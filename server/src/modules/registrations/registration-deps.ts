import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { FileStorage } from '../../lib/storage';
import type { CandidateProfileService } from '../candidate-profile';
import type { CandidateService } from '../candidates';
import type { NotificationService, TodoService } from '../notifications';

/** What a candidate's material file may be (config `materials`, lib/material-files). */
export interface MaterialLimits {
  maxImageBytes: number;
  maxPdfBytes: number;
  maxImagePixels: number;
}

/** What the registration use cases need, composed once in buildApp(). */
export interface RegistrationDeps {
  db: Db;
  clock: Clock;
  storage: FileStorage;
  /** The candidate's identity (name, document, mobile) for the application form. */
  candidates: Pick<CandidateService, 'getAccount'>;
  /** The candidate's base photo, copied as the registration photo. */
  candidateProfile: Pick<CandidateProfileService, 'getPhoto'>;
  /** The lifecycle's messages, from the notification templates (issue #7). */
  notifications: Pick<NotificationService, 'send'>;
  /** The lifecycle's to-do items (待办事项): opened and closed with the changes. */
  todos: Pick<TodoService, 'openTodo' | 'closeTodo'>;
  materialLimits: MaterialLimits;
}
