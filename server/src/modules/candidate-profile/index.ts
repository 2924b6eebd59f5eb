export {
  createCandidateProfileService,
  loadCandidateProfile,
  lockProfile,
  unlockProfile,
  type CandidateProfileService,
} from './candidate-profile.service';
export { candidateProfileRoutes } from './candidate-profile.routes';
