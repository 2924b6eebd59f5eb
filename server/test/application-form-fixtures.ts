import sharp from 'sharp';
import type { ApplicationFormData } from '../src/modules/application-form';

/*
 * The application form (申报表) as a full registration fills it — rare characters in the name, a
 * photo, every section — shared by its test and its benchmark (bench/application-form.ts).
 */

/** The registration photo: a drawn portrait, 300 × 420, JPEG. */
export async function formPortrait(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="420">
    <rect width="300" height="420" fill="#4a7fc1"/>
    <circle cx="150" cy="165" r="78" fill="#f1c9a5"/>
    <rect x="120" y="230" width="60" height="40" fill="#f1c9a5"/>
    <path d="M30 420 Q40 270 150 262 Q260 270 270 420 Z" fill="#ffffff"/>
    <path d="M72 150 Q80 70 150 68 Q222 70 228 150 Q210 105 150 102 Q92 105 72 150 Z" fill="#222"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** A complete form of a returning candidate for 303 内科学 in Shanghai, with `photo`. */
export function applicationFormData(
  photo: Buffer,
  overrides: Partial<ApplicationFormData> = {},
): ApplicationFormData {
  return {
    examName: '全国卫生专业技术资格考试',
    cycleYear: 2024,
    examAreaName: '上海',
    registrationNo: '31202400012345',
    candidate: {
      name: '欧阳𠇔䶮堃',
      gender: 'female',
      birthDate: '1990-05-12',
      ethnicity: '汉族',
      documentTypeLabel: '居民身份证',
      documentNo: '31010119900512002X',
      mobile: '13800138000',
      householdRegistration: '本市',
      photoJpeg: photo,
    },
    specialty: { code: '303', name: '内科学', level: 'intermediate' },
    subjects: ['基础知识', '相关专业知识', '专业知识', '专业实践能力'],
    registrationCity: '黄浦区',
    testSite: '演示考点一（黄浦区）',
    employer: '上海交通大学医学院附属瑞金医院',
    department: '心血管内科',
    yearsInSpecialty: 8,
    education: {
      level: '大学本科',
      school: '复旦大学上海医学院',
      major: '临床医学',
      graduationDate: '2012-07',
      mode: '全日制',
    },
    practiceQualification: { name: '执业医师资格', obtainedOn: '2013-09-01' },
    currentTitle: { name: '医师', obtainedOn: '2014-08-01' },
    earlyApplication: null,
    returningCandidateFileNo: '3120230001234',
    generatedAt: new Date('2024-11-20T02:00:00.000Z'),
    ...overrides,
  };
}
