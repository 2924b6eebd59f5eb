import type { EducationAssessment } from './education';
import type { MaterialList } from './materials';
import type {
  EligibilityProfile,
  EligibilitySpecialty,
  ExamAreaEligibilityRules,
  TitleTrack,
} from './profile';
import type { EligibilityRules, PracticeRequirement } from './rules';

/** Everything a check needs: the input, the rules, derived facts and the material list to fill. */
export interface CheckContext {
  profile: EligibilityProfile;
  specialty: EligibilitySpecialty;
  cutoff: string;
  area: ExamAreaEligibilityRules;
  registeredEmployer: string;
  rules: EligibilityRules;
  materials: MaterialList;
  education: EducationAssessment;
  /** The practice qualification the specialty code needs, if any. */
  practice: PracticeRequirement | undefined;
  /** The title track of the specialty's category ('other' has none). */
  track: TitleTrack | undefined;
}
