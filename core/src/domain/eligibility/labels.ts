import type {
  EarlyApplicationKind,
  EducationLevel,
  EligibilityLevel,
  EmployerKind,
  IdentityDocumentType,
  PracticeQualificationKind,
  TitleTrack,
} from './profile';

/** Chinese labels of the eligibility vocabulary. */
export const ELIGIBILITY_LABELS = {
  level: {
    junior_assistant: '初级(士)',
    junior: '初级(师)',
    intermediate: '中级',
  } satisfies Record<EligibilityLevel, string>,
  educationLevel: {
    secondary: '中专',
    junior_college: '大专',
    bachelor: '大学本科',
    master: '硕士研究生',
    doctorate: '博士研究生',
  } satisfies Record<EducationLevel, string>,
  identityDocument: {
    resident_id: '居民身份证',
    hmt_residence_permit: '港澳台居民居住证',
    hk_macao_pass: '港澳居民来往内地通行证',
    taiwan_pass: '台湾居民来往大陆通行证',
    foreign_permanent_residence_id: '外国人永久居留身份证',
    passport: '护照',
  } satisfies Record<IdentityDocumentType, string>,
  employerKind: {
    community_health_service_centre: '社区卫生服务机构',
    township_health_centre: '乡镇卫生院',
    village_clinic: '村卫生室',
    hospital: '医院',
    other: '其他医疗卫生机构',
  } satisfies Record<EmployerKind, string>,
  practiceQualification: {
    doctor: '执业医师资格',
    assistant_doctor: '执业助理医师资格',
    nurse: '护士执业资格',
  } satisfies Record<PracticeQualificationKind, string>,
  earlyApplication: {
    community: '社区卫生服务机构、乡镇卫生院人员提前一年报考',
    covid_front_line: '新冠肺炎疫情防控一线医务人员提前一年申报',
    covid_award: '新冠肺炎疫情防控省部级以上表彰人员直接申报',
  } satisfies Record<EarlyApplicationKind, string>,
  /** Title names (职称) by track and level: 药士 / 药师 / 主管药师 … */
  title: {
    doctor: { junior_assistant: '医士', junior: '医师', intermediate: '主治医师' },
    nursing: { junior_assistant: '护士', junior: '护师', intermediate: '主管护师' },
    pharmacy: { junior_assistant: '药士', junior: '药师', intermediate: '主管药师' },
    technician: { junior_assistant: '技士', junior: '技师', intermediate: '主管技师' },
  } satisfies Record<TitleTrack, Record<EligibilityLevel, string>>,
} as const;

/** Names of institutions compare equal when they differ only in spacing, width or case. */
export function sameInstitution(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return norm(a) === norm(b);
}
