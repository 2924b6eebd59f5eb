import sharp from 'sharp';

/*
 * Test data of a candidate shared by the journeys: a valid 居民身份证 number, a complete basic
 * information of a doctor working in Shanghai (as server/test fixtures make it) and a portrait that
 * passes the base-photo check.
 */

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const GB11643_CHECK = '10X98765432';

/** A fresh, valid 居民身份证 number of `district`, born in `bornFrom` … `bornFrom + years - 1`. */
export function residentIdNumber(district = '310104', bornFrom = 1988, years = 4): string {
  const r = (below: number) => Math.floor(Math.random() * below);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const first17 = `${district}${bornFrom + r(years)}${pad(1 + r(12), 2)}${pad(1 + r(28), 2)}${pad(1 + r(998), 3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (GB11643_WEIGHTS[i] ?? 0);
  return `${first17}${GB11643_CHECK.charAt(sum % 11)}`;
}

/**
 * The sections of a complete, valid basic information of a doctor working in Shanghai, by their
 * path under /api/candidate/profile/; a non-local household registration comes with a residence
 * permit and the employer paying the social security (P1).
 */
export function doctorProfileSections(household: 'local' | 'non_local'): [string, unknown][] {
  return [
    [
      'personal',
      {
        ethnicity: '01',
        ...(household === 'local'
          ? { householdRegistration: 'local', residencePermit: 'none' }
          : {
              householdRegistration: 'non_local',
              residencePermit: 'permit',
              socialSecurity: { payingInstitution: '上海市第一人民医院' },
            }),
        hmtResidencePermit: false,
        foreignPermanentResidenceId: false,
        covidFrontline: 'none',
      },
    ],
    [
      'current-employer',
      {
        name: '上海市第一人民医院',
        kind: 'hospital',
        department: '内科',
        post: '住院医师',
        clinicalSubjects: ['内科'],
      },
    ],
    [
      'education',
      [
        {
          level: 'bachelor',
          mode: 'full_time',
          school: '复旦大学',
          major: '临床医学',
          healthRelated: true,
          startDate: '2006-09-01',
          graduationDate: '2011-07-01',
          certificateNumber: '102461201105000123',
          withDegree: true,
          degreeCertificateNumber: '1024642011000123',
          foreign: false,
          foreignCertified: false,
        },
      ],
    ],
    [
      'work-history',
      [
        {
          employer: '上海市第一人民医院',
          department: '内科',
          post: '住院医师',
          from: '2011-08-01',
          inExamArea: true,
          inSpecialty: true,
        },
      ],
    ],
    [
      'qualifications',
      {
        practiceQualifications: [
          {
            kind: 'doctor',
            certificateNumber: '201231110310101199001',
            qualifiedOn: '2012-12-01',
            registeredOn: '2013-03-01',
            principalPracticeSite: '上海市第一人民医院',
            practiceCategory: '临床',
            practiceScope: '内科专业',
          },
        ],
        titles: [{ level: 'junior', track: 'doctor', obtainedOn: '2013-10-01', name: '医师' }],
        residencyTraining: { certifiedOn: '2014-08-01', certificateNumber: 'ZY2014-0001' },
        postChange: null,
      },
    ],
    ['early-application-claims', []],
    [
      'declarations',
      {
        malpracticeWithin3Years: false,
        errorWithin1Year: false,
        sanctionInForce: false,
        forgeryOrExamDisciplineWithin2Years: false,
        retired: false,
      },
    ],
  ];
}

/** A portrait drawn with sharp that passes the base-photo check. */
export async function portrait(): Promise<Buffer> {
  const width = 358;
  const height = 500;
  const base = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: 225, sigma: 6 },
    },
  })
    .png()
    .toBuffer();
  const figure = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <ellipse cx="${width / 2}" cy="${height * 0.42}" rx="${width * 0.22}" ry="${height * 0.2}" fill="#a07050"/>
      <rect x="${width * 0.15}" y="${height * 0.68}" width="${width * 0.7}" height="${height * 0.32}" rx="${width * 0.2}" fill="#304060"/>
    </svg>`,
  );
  return sharp(base)
    .composite([{ input: figure }])
    .jpeg({ quality: 92 })
    .toBuffer();
}
