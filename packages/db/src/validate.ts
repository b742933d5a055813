import { ValidationError } from '@mlspace/core';

/** Parses input with a core schema; the first issue becomes a ValidationError naming its field. */
/** The part of a zod schema used here, so this package needs no zod dependency of its own. */
interface Schema<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

export function validate<T>(schema: Schema<T>, input: unknown, field = ''): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [field, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  throw new ValidationError(path || 'input', issue?.message ?? 'is invalid');
}
