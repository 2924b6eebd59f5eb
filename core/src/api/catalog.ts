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
