export {
  createCandidateProfileService,
  loadCandidateProfile,
  lockProfile,
  unlockProfile,
  type CandidateProfileService,
  type ProfileSaveListener,
  type ProfileSectionChange,
  type ProfileSections,
} from './candidate-profile.service';
export { candidateProfileRoutes } from './candidate-profile.routes';
