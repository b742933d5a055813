/**
 * The server's word on one field: a tRPC error carries `data.fieldErrors` ({ path, message }) when
 * the refusal is about an input (a schema rule, a refused storage location), so a form can show it
 * next to that input. `field` matches the input path, e.g. `inputs.0.s3Uri`; a path ending in `.`
 * matches every field under it (`hyperParameters.`).
 */
export function serverFieldProblem(error: unknown, field: string): string | null {
  const fieldErrors = (error as { data?: { fieldErrors?: unknown } } | null)?.data?.fieldErrors;
  if (!Array.isArray(fieldErrors)) return null;
  const match = (fieldErrors as { path?: unknown; message?: unknown }[]).find(
    (item) =>
      typeof item.path === 'string' &&
      (field.endsWith('.') ? item.path.startsWith(field) : item.path === field),
  );
  return typeof match?.message === 'string' ? match.message : null;
}
