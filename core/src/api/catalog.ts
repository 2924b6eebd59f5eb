import { z } from 'zod';
import { PHASE_KIND_LIST } from '../domain/calendar';

export const phaseViewSchema = z.object({
  kind: z.enum(PHASE_KIND_LIST),
  label: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: z.enum(['upcoming', 'open', 'closed']),
});

export const examAreaViewSchema = z
  .object({ id: z.number().int(), code: z.string(), name: z.string() })
  .meta({ id: 'ExamArea' });

/** What a visitor sees before logging in: the exam, its current cycles and each area's calendar. */
export const catalogOverviewSchema = z
  .object({
    now: z.iso.datetime(),
    exams: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        cycles: z.array(
          z.object({
            id: z.number().int(),
            year: z.number().int(),
            name: z.string(),
            workYearsCutoff: z.iso.date(),
            areas: z.array(examAreaViewSchema.extend({ phases: z.array(phaseViewSchema) })),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'CatalogOverview' });
export type CatalogOverview = z.infer<typeof catalogOverviewSchema>;

export const examAreaListSchema = z.object({ items: z.array(examAreaViewSchema) });

// ---------------------------------------------------------------------------------------------
// What candidates read of an exam area before logging in: its test sites (考点) and its
// registration cities (报名地市), active ones only.

/** `/catalog/exam-areas/:code/…`: an exam area by its two-digit code (上海 31). */
export const examAreaCodeParamsSchema = z.strictObject({
  code: z.string().regex(/^[0-9]{2}$/, '考区代码为 2 位数字，如上海考区为 31'),
});

export const publicTestSiteSchema = z
  .object({ id: z.number().int(), code: z.string(), name: z.string(), address: z.string() })
  .meta({ id: 'PublicTestSite' });
export type PublicTestSite = z.infer<typeof publicTestSiteSchema>;

/** An area's test sites in use, by code. */
export const publicTestSiteListSchema = z.object({
  examArea: examAreaViewSchema,
  items: z.array(publicTestSiteSchema),
});
export type PublicTestSiteList = z.infer<typeof publicTestSiteListSchema>;

export const registrationCityViewSchema = z
  .object({ id: z.number().int(), code: z.string(), name: z.string() })
  .meta({ id: 'RegistrationCity' });
export type RegistrationCityView = z.infer<typeof registrationCityViewSchema>;

/** An area's registration cities in use, in the order the area set. */
export const registrationCityListSchema = z.object({
  examArea: examAreaViewSchema,
  items: z.array(registrationCityViewSchema),
});
export type RegistrationCityList = z.infer<typeof registrationCityListSchema>;
