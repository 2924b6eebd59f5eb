export * as jobsRepository from './jobs.repository';
export type { NewJob } from './jobs.repository';
export {
  createJobWorker,
  backoffDelay,
  type JobWorker,
  type JobHandler,
  type JobContext,
} from './job-worker';
