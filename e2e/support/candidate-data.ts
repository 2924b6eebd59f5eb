import sharp from 'sharp';
import { serial, uniqueMobile } from './unique';

/*
 * Test data of a candidate shared by the journeys: a valid 居民身份证 number and a mobile of its
 * own, a complete basic information of a doctor working in Shanghai (as server/test fixtures make
 * it), a portrait that passes the base-photo check (or, drawn otherwise, fails it) and scans.
 */

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const GB11643_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 characters of a 居民身份证 number. */
function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (GB11643_WEIGHTS[i] ?? 0);
  return GB11643_CHECK.charAt(sum % 11);
}

/**
 * A valid 居民身份证 number of `district`, born in `bornFrom` … `bornFrom + years - 1`, that no
 * other call in this run made: the sequence code (odd for a man, even for a woman) and then the
 * birth date are counted on from `serial()`, so a number comes again only after hours of calls.
 */
export function residentIdNumber(
  options: { district?: string; bornFrom?: number; years?: number; sex?: 'female' | 'male' } = {},
): string {
  const { district = '310104', bornFrom = 1988, years = 4, sex } = options;
  const sequences = sex === undefined ? 998 : 499;
  const n = serial() % (years * 365 * sequences);
  const k = n % sequences;
  const sequence = sex === undefined ? 1 + k : 2 * k + (sex === 'male' ? 1 : 2);
  const born = new Date(Date.UTC(bornFrom, 0, 1 + Math.floor(n / sequences)));
  const first17 = `${district}${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
}

/** The same number with a wrong last character (the check fails). */
export function withWrongCheck(id: string): string {
  const wrong = GB11643_CHECK.charAt((GB11643_CHECK.indexOf(id.charAt(17)) + 1) % 11);
  return `${id.slice(0, 17)}${wrong}`;
}

/** The password every journey's candidate signs up with. */
export const PASSWORD = 'Kaoshi#2024pass';

export interface Candidate {
  documentNumber: string;
  name: string;
  mobile: string;
}

/** A new candidate (黄浦区, born 1985–1990) with a document number and a mobile of its own. */
export function newCandidate(name: string): Candidate {
  return {
    documentNumber: residentIdNumber({ district: '310101', bornFrom: 1985, years: 6 }),
    name,
    mobile: uniqueMobile(),
  };
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

/**
 * A portrait drawn with sharp: a face and shoulders on a plain background with a little sensor
 * noise, so that the stored JPEG has the detail of a real photo (≥ 20 KB). The default passes the
 * base-photo check; a dark background or a square picture does not.
 */
export async function portrait(
  options: { width?: number; height?: number; background?: number; format?: 'jpeg' | 'png' } = {},
): Promise<Buffer> {
  const { width = 358, height = 500, background = 225, format = 'jpeg' } = options;
  const base = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: background, sigma: 6 },
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
  const image = sharp(base).composite([{ input: figure }]);
  return (format === 'png' ? image.png() : image.jpeg({ quality: 92 })).toBuffer();
}

/**
 * A scanned page: a white sheet with a few lines of "text" (the first one `mark` steps shorter, so
 * that scans can differ) and, with `grain`, some paper grain that makes the re-encoded JPEG big
 * enough to watch its upload progress.
 */
export async function scanJpeg(options: { grain?: number; mark?: number } = {}): Promise<Buffer> {
  const { grain = 0, mark = 0 } = options;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1650">
    <rect x="90" y="180" width="${750 - mark * 20}" height="60" fill="#222"/>
    <rect x="90" y="300" width="1020" height="12" fill="#333"/>
    <rect x="90" y="390" width="780" height="12" fill="#333"/></svg>`;
  const paper = sharp({
    create: {
      width: 1200,
      height: 1650,
      channels: 3,
      background: '#ffffff',
      ...(grain > 0 ? { noise: { type: 'gaussian' as const, mean: 235, sigma: grain } } : {}),
    },
  });
  const base = await paper.png().toBuffer();
  return sharp(base)
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A small, well-formed one-page PDF (a scanned certificate sent as PDF), with `text` on it. */
export function onePagePdf(text = ''): Buffer {
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
