export { createCandidateService, type CandidateService } from './candidates.service';
export { candidateRoutes } from './candidates.routes';
