import { z } from 'zod';

/*
 * What the application form (申报表) prints. The registration module builds it from a
 * registration and the candidate's profile; values arrive ready to print (labels, not codes),
 * except the gender and the level, which the form turns into words itself. Dates are
 * 'YYYY-MM-DD' (or 'YYYY-MM' where only the month is known, e.g. a graduation date).
 */

/** 网报号: what the system gives a registration, 8 to 20 letters or digits (e.g. 31202400012345). */
export const REGISTRATION_NO_PATTERN = /^[0-9A-Za-z]{8,20}$/;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const day = z.iso.date();
const dayOrMonth = z.union([z.iso.date(), z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)]);

/** A held qualification or title (执业资格 / 专业技术职务) and since when. */
const heldSchema = z.strictObject({ name: text(60), obtainedOn: dayOrMonth });

/** The form's head: the exam, the cycle and the area. The blank form needs only this. */
export const applicationFormMetaSchema = z.strictObject({
  /** e.g. 全国卫生专业技术资格考试; the title drops a leading 全国 as the official form does. */
  examName: text(60),
  cycleYear: z.number().int().min(2000).max(2100),
  /** e.g. 上海 */
  examAreaName: text(30),
});
export type ApplicationFormMeta = z.infer<typeof applicationFormMetaSchema>;

export const applicationFormDataSchema = applicationFormMetaSchema.extend({
  registrationNo: z.string().regex(REGISTRATION_NO_PATTERN),
  candidate: z.strictObject({
    /** As on the identity document; may hold rare characters (生僻字), e.g. 𠇔 or 䶮. */
    name: text(50),
    gender: z.enum(['male', 'female']),
    birthDate: day,
    /** e.g. 汉族 */
    ethnicity: text(20),
    /** e.g. 居民身份证 */
    documentTypeLabel: text(30),
    /** Printed in full: the form is the candidate's own. */
    documentNo: text(40),
    mobile: text(20),
    /** e.g. 本市 / 非本市 */
    householdRegistration: text(20),
    /** The registration photo, JPEG (already normalised by the photo module); none: an empty box. */
    photoJpeg: z.custom<Uint8Array>((v) => v instanceof Uint8Array).optional(),
  }),
  specialty: z.strictObject({
    code: z.string().regex(/^\d{3}$/),
    name: text(60),
    level: z.enum(['junior_assistant', 'junior', 'intermediate']),
  }),
  /** The subjects taken, e.g. 基础知识、相关专业知识 … */
  subjects: z.array(text(30)).min(1).max(4),
  /** 报名地市: in Shanghai a district, e.g. 黄浦区 */
  registrationCity: text(30),
  testSite: text(100),
  employer: text(150),
  department: text(60),
  yearsInSpecialty: z.number().int().min(0).max(70),
  education: z.strictObject({
    /** e.g. 大学本科 */
    level: text(20),
    school: text(100),
    major: text(60),
    graduationDate: dayOrMonth,
    /** e.g. 全日制 / 非全日制 */
    mode: text(20),
  }),
  /** 执业资格, e.g. 执业医师资格, and when it was obtained; none: 无. */
  practiceQualification: heldSchema.nullish(),
  /** The title held now (现专业技术职务), e.g. 医师, and since when; none: 无. */
  currentTitle: heldSchema.nullish(),
  /** The early-application preference claimed (提前报考), as its label; none: 否. */
  earlyApplication: optionalText(100),
  /** A returning candidate's file number (历史考生档案号) from an earlier cycle; none: 无. */
  returningCandidateFileNo: optionalText(40),
  /** When the form was made; printed in Asia/Shanghai time. */
  generatedAt: z.date(),
});
export type ApplicationFormData = z.infer<typeof applicationFormDataSchema>;

/** A character of the form that no font can draw, printed as 〓, and the fields it is in. */
export interface MissingCharacter {
  character: string;
  /** e.g. U+30EDE */
  codePoint: string;
  /** Labels of the fields where it occurs, e.g. 姓名. */
  fields: string[];
}

/** A rendered application form. */
export interface RenderedApplicationForm {
  pdf: Buffer;
  /**
   * Characters printed as 〓 because no font has them. Empty normally. When not empty, the caller
   * still offers the form and tells the candidate which characters to write in by hand (see
   * {@link missingCharactersMessage}).
   */
  missingCharacters: MissingCharacter[];
}

/** The sentence to show a candidate whose form has characters printed as 〓. */
export function missingCharactersMessage(missing: MissingCharacter[]): string {
  const list = missing
    .map((m) => `${m.fields.join('、')}中的“${m.character}”（${m.codePoint}）`)
    .join('；');
  return `申报表中有 ${missing.length} 个字无法打印，已用“〓”标出：${list}。请打印后用黑色签字笔在“〓”处工整写上正确的字，再交单位审核。`;
}
