// Public surface of the candidate profile feature: the basic information (基本信息维护).
export {
  PROFILE_QUERY_KEY,
  useCandidateEligibilityProfile,
  useCandidateProfile,
} from './api/profile';
export { CompletenessList, PART_PATHS } from './components/completeness-list';
export { DeclarationsForm } from './components/declarations-form';
export { EducationForm } from './components/education-form';
export { PersonalForm } from './components/personal-form';
export { PhotoUpload } from './components/photo-upload';
export { ProfileGate } from './components/profile-page';
export { ClaimsForm, QualificationsForm } from './components/qualification-forms';
export { EmployerForm, WorkHistoryForm } from './components/work-forms';
export { profileMessages } from './messages';
