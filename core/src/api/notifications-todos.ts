import { z } from 'zod';

/*
 * The to-do centre (待办事项, R11): what a candidate still has to do, each item with its deadline
 * and the page where to act. Modules open an item in the transaction of the change that creates
 * the task (a return opens "resubmit:<registrationId>") and close it in the transaction of the
 * action that does it (the resubmission), so done items drop off on their own.
 *
 * Routes (candidate only):
 *   GET /api/candidate/todos        → TodoList (open items, nearest deadline first)
 *   GET /api/candidate/todos/count  → TodoCount (for the bell in the portal header)
 */

/** What kind of task an item is; the portal shows the label beside the title. */
export const TO_DO_KINDS = [
  'resubmit',
  'supplement',
  'payment',
  'admission_ticket',
  'registration',
  'profile',
] as const;
export type TodoKind = (typeof TO_DO_KINDS)[number];
export const TO_DO_KIND_LABELS: Record<TodoKind, string> = {
  resubmit: '修改后重新提交',
  supplement: '补充材料',
  payment: '网上缴费',
  admission_ticket: '打印准考证',
  registration: '网上报名',
  profile: '完善基本信息',
};

/** A link inside the portal: an absolute path, no scheme, host or `//`. */
export const TO_DO_LINK_PATTERN = /^\/(?!\/)[A-Za-z0-9/_\-.?=&%]*$/;

export const todoItemSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(TO_DO_KINDS),
    kindLabel: z.string(),
    title: z.string(),
    detail: z.string().nullable(),
    /** Where to act, a path of the portal (e.g. /registration). */
    linkPath: z.string(),
    /** The exclusive end of the period to act in; null when there is none. */
    deadlineAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TodoItem' });
export type TodoItem = z.infer<typeof todoItemSchema>;

export const todoListSchema = z
  .object({ items: z.array(todoItemSchema), count: z.number().int() })
  .meta({ id: 'TodoList' });
export type TodoList = z.infer<typeof todoListSchema>;

export const todoCountSchema = z.object({ count: z.number().int() }).meta({ id: 'TodoCount' });
export type TodoCount = z.infer<typeof todoCountSchema>;
