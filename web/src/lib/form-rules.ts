import type { FormRule } from 'antd';

/** The part of a zod schema a form rule needs; keeps zod itself out of the web's imports. */
interface SafeParser {
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { issues: { message: string }[] } };
}

/** An antd form rule that validates a field with a schema from `@hqe/core`. */
export function schemaRule(schema: SafeParser): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? '');
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '填写内容不符合要求');
    },
  };
}
