import {
  CANDIDATE_PROFILE_LABELS,
  EARLY_APPLICATION_CLAIM_LABELS,
  ELIGIBILITY_LABELS,
  ETHNICITIES,
  PROFILE_PART_LABELS,
  PROFILE_SECTIONS,
  type ProfileSectionData,
  type ProfileSectionKey,
} from '@hqe/core';
import type { SubmissionSnapshot } from '../registrations';

/*
 * A submitted registration as rows of labelled text for the reviewer (审核详情): the registration
 * info and the basic-information sections, each row with a stable key, so that two submissions
 * can be compared row by row (what changed after a return).
 */

export interface KeyedRow {
  key: string;
  label: string;
  value: string;
}

export interface KeyedSection {
  key: ProfileSectionKey;
  title: string;
  rows: KeyedRow[];
}

const yesNo = (value: boolean) => (value ? '是' : '否');

/** The registration info (报名信息) as submitted. */
export function infoRows(info: SubmissionSnapshot['info']): KeyedRow[] {
  if (!info) return [];
  const e = info.education;
  const rows: KeyedRow[] = [
    { key: 'info.employer', label: '工作单位', value: info.employer },
    { key: 'info.department', label: '科室', value: info.department },
    { key: 'info.post', label: '岗位', value: info.post },
    {
      key: 'info.yearsInSpecialty',
      label: '从事本专业工作年限',
      value: `${info.yearsInSpecialty} 年`,
    },
    {
      key: 'info.education',
      label: '报考所用学历',
      value: `${ELIGIBILITY_LABELS.educationLevel[e.level]}，${e.school}，${e.major}，${e.graduationDate} 毕业（${e.mode === 'full_time' ? '全日制' : '非全日制'}${e.withDegree ? '，有学位' : ''}${e.foreign ? '，国(境)外学历' : ''}）`,
    },
    {
      key: 'info.earlyApplicationClaim',
      label: '提前报考',
      value: EARLY_APPLICATION_CLAIM_LABELS[info.earlyApplicationClaim],
    },
  ];
  if (info.returningFileNumber) {
    rows.push({
      key: 'info.returningFileNumber',
      label: '历史考生档案号',
      value: info.returningFileNumber,
    });
  }
  return rows;
}

const DECLARATION_LABELS: Record<keyof ProfileSectionData<'declarations'>, string> = {
  malpracticeWithin3Years: '医疗事故责任者且未满3年',
  errorWithin1Year: '医疗差错责任者且未满1年',
  sanctionInForce: '受到行政处分且在处分期内',
  forgeryOrExamDisciplineWithin2Years: '伪造学历或考试期间有违纪行为且未满2年',
  retired: '已退休',
};

function personalRows(p: ProfileSectionData<'personal'>): KeyedRow[] {
  const rows: KeyedRow[] = [{ key: 'ethnicity', label: '民族', value: ETHNICITIES[p.ethnicity] }];
  if (p.householdRegistration) {
    rows.push({
      key: 'householdRegistration',
      label: '户籍',
      value: CANDIDATE_PROFILE_LABELS.householdRegistration[p.householdRegistration],
    });
  }
  rows.push({
    key: 'residencePermit',
    label: '居住证',
    value: CANDIDATE_PROFILE_LABELS.residencePermit[p.residencePermit],
  });
  if (p.socialSecurity) {
    rows.push({
      key: 'socialSecurity',
      label: '社保缴费单位',
      value: p.socialSecurity.payingInstitution,
    });
  }
  rows.push(
    { key: 'hmtResidencePermit', label: '港澳台居民居住证', value: yesNo(p.hmtResidencePermit) },
    {
      key: 'foreignPermanentResidenceId',
      label: '外国人永久居留身份证',
      value: yesNo(p.foreignPermanentResidenceId),
    },
    {
      key: 'covidFrontline',
      label: '疫情防控一线人员',
      value: CANDIDATE_PROFILE_LABELS.covidFrontline[p.covidFrontline],
    },
  );
  return rows;
}

function employerRows(e: ProfileSectionData<'currentEmployer'>): KeyedRow[] {
  const rows: KeyedRow[] = [
    { key: 'name', label: '单位名称', value: e.name },
    { key: 'kind', label: '单位类别', value: ELIGIBILITY_LABELS.employerKind[e.kind] },
  ];
  if (e.department) rows.push({ key: 'department', label: '科室', value: e.department });
  if (e.post) rows.push({ key: 'post', label: '岗位', value: e.post });
  if (e.clinicalSubjects && e.clinicalSubjects.length > 0) {
    rows.push({
      key: 'clinicalSubjects',
      label: '诊疗科目',
      value: e.clinicalSubjects.join('、'),
    });
  }
  return rows;
}

function educationRows(records: ProfileSectionData<'education'>): KeyedRow[] {
  return records.flatMap((e, i) => {
    const n = `学历${i + 1}`;
    const rows: KeyedRow[] = [
      {
        key: `${i}.level`,
        label: `${n} · 学历层次`,
        value: ELIGIBILITY_LABELS.educationLevel[e.level],
      },
      {
        key: `${i}.mode`,
        label: `${n} · 学习形式`,
        value: CANDIDATE_PROFILE_LABELS.educationMode[e.mode],
      },
      { key: `${i}.school`, label: `${n} · 毕业院校`, value: e.school },
      { key: `${i}.major`, label: `${n} · 所学专业`, value: e.major },
      { key: `${i}.healthRelated`, label: `${n} · 医学或相关专业`, value: yesNo(e.healthRelated) },
      {
        key: `${i}.period`,
        label: `${n} · 起止日期`,
        value: `${e.startDate} 至 ${e.graduationDate}`,
      },
    ];
    if (e.certificateNumber) {
      rows.push({
        key: `${i}.certificate`,
        label: `${n} · 学历证书编号`,
        value: e.certificateNumber,
      });
    }
    rows.push({
      key: `${i}.degree`,
      label: `${n} · 学位`,
      value: e.withDegree
        ? `有${e.degreeCertificateNumber ? `（证书编号 ${e.degreeCertificateNumber}）` : ''}`
        : '无',
    });
    if (e.foreign) {
      rows.push({
        key: `${i}.foreign`,
        label: `${n} · 国(境)外学历`,
        value: e.foreignCertified ? '是，已经教育部留学服务中心认证' : '是，未认证',
      });
    }
    return rows;
  });
}

function workRows(periods: ProfileSectionData<'workHistory'>): KeyedRow[] {
  return periods.flatMap((w, i) => {
    const n = `经历${i + 1}`;
    return [
      { key: `${i}.employer`, label: `${n} · 单位`, value: w.employer },
      {
        key: `${i}.post`,
        label: `${n} · 科室及岗位`,
        value: [w.department, w.post].filter(Boolean).join('，') || '未填写',
      },
      { key: `${i}.period`, label: `${n} · 起止日期`, value: `${w.from} 至 ${w.to ?? '今'}` },
      { key: `${i}.inExamArea`, label: `${n} · 在本考区工作`, value: yesNo(w.inExamArea) },
      { key: `${i}.inSpecialty`, label: `${n} · 从事本专业`, value: yesNo(w.inSpecialty) },
    ];
  });
}

function qualificationRows(q: ProfileSectionData<'qualifications'>): KeyedRow[] {
  const rows: KeyedRow[] = q.practiceQualifications.flatMap((p, i) => {
    const n = `执业资格${i + 1}`;
    const r: KeyedRow[] = [
      {
        key: `practice.${i}.kind`,
        label: `${n} · 类别`,
        value: ELIGIBILITY_LABELS.practiceQualification[p.kind],
      },
      { key: `practice.${i}.certificate`, label: `${n} · 证书编号`, value: p.certificateNumber },
      { key: `practice.${i}.qualifiedOn`, label: `${n} · 取得日期`, value: p.qualifiedOn },
      {
        key: `practice.${i}.registeredOn`,
        label: `${n} · 执业注册日期`,
        value: p.registeredOn ?? '未注册',
      },
    ];
    if (p.principalPracticeSite) {
      r.push({
        key: `practice.${i}.site`,
        label: `${n} · 主执业地点`,
        value: p.principalPracticeSite,
      });
    }
    const scope = [p.practiceCategory, p.practiceScope].filter(Boolean).join('，');
    if (scope) r.push({ key: `practice.${i}.scope`, label: `${n} · 执业类别及范围`, value: scope });
    return r;
  });
  q.titles.forEach((t, i) => {
    rows.push({
      key: `title.${i}`,
      label: `职称${i + 1}`,
      value: `${t.name ?? ELIGIBILITY_LABELS.title[t.track][t.level]}（${ELIGIBILITY_LABELS.level[t.level]}），${t.obtainedOn} 取得`,
    });
  });
  rows.push(
    {
      key: 'residencyTraining',
      label: '住院医师规范化培训合格证书',
      value: q.residencyTraining
        ? `${q.residencyTraining.certifiedOn} 取得，证书编号 ${q.residencyTraining.certificateNumber}`
        : '无',
    },
    {
      key: 'postChange',
      label: '因岗位变动变更专业',
      value: q.postChange ? `${q.postChange.changedOn} 变动` : '无',
    },
  );
  return rows;
}

function earlyRows(claims: ProfileSectionData<'earlyApplicationClaims'>): KeyedRow[] {
  if (claims.length === 0) return [{ key: 'none', label: '已使用的提前申报', value: '无' }];
  return claims.map((c, i) => ({
    key: `${i}`,
    label: `记录${i + 1}`,
    value: `${c.year} 年：${ELIGIBILITY_LABELS.earlyApplication[c.kind]}`,
  }));
}

function declarationRows(d: ProfileSectionData<'declarations'>): KeyedRow[] {
  return (Object.keys(DECLARATION_LABELS) as (keyof typeof DECLARATION_LABELS)[]).map((key) => ({
    key,
    label: DECLARATION_LABELS[key],
    value: yesNo(d[key]),
  }));
}

const RENDERERS: { [K in ProfileSectionKey]: (data: ProfileSectionData<K>) => KeyedRow[] } = {
  personal: personalRows,
  currentEmployer: employerRows,
  education: educationRows,
  workHistory: workRows,
  qualifications: qualificationRows,
  earlyApplicationClaims: earlyRows,
  declarations: declarationRows,
};

function sectionRows(key: ProfileSectionKey, stored: unknown): KeyedRow[] {
  if (stored === null || stored === undefined) {
    return [{ key: 'missing', label: '状态', value: '未填写' }];
  }
  const parsed = PROFILE_SECTIONS[key].safeParse(stored);
  if (!parsed.success) {
    return [
      {
        key: 'unreadable',
        label: '状态',
        value: '该部分的保存格式已变化，无法显示，请查看材料核对',
      },
    ];
  }
  // The data was parsed by the section's own schema, so it is the renderer's input.
  return (RENDERERS[key] as (data: unknown) => KeyedRow[])(parsed.data);
}

const SECTION_ORDER: readonly ProfileSectionKey[] = [
  'personal',
  'currentEmployer',
  'education',
  'workHistory',
  'qualifications',
  'earlyApplicationClaims',
  'declarations',
];

/** The basic-information sections (基本信息) as stored with a submission, in the order of the form. */
export function profileSections(profile: Record<string, unknown>): KeyedSection[] {
  return SECTION_ORDER.map((key) => ({
    key,
    title: PROFILE_PART_LABELS[key],
    rows: sectionRows(key, profile[key]).map((row) => ({
      ...row,
      key: `profile.${key}.${row.key}`,
      label: row.label,
    })),
  }));
}
