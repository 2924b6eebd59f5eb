export {
  createPreviousResultsService,
  findPreviousResults,
  type PreviousResult,
  type PreviousResultsService,
} from './previous-results.service';
export { previousResultsAdminRoutes } from './previous-results.routes';
export { PASS_SCORE } from './previous-results-import';
