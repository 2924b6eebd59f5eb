export * as jobsRepository from './jobs.repository';
export type { JobClaim, NewJob } from './jobs.repository';
export {
  createJobWorker,
  backoffDelay,
  type JobWorker,
  type JobHandler,
  type JobContext,
  type JobWorkerOptions,
} from './job-worker';
