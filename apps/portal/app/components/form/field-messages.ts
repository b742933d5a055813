import { plainIssueMessage } from '@mlspace/core';

/** What the kit needs of a zod schema from core (the portal does not depend on zod itself). */
export interface Schema<Output> {
  safeParse(
    input: unknown,
    params: { error: typeof plainIssueMessage },
  ):
    | { success: true; data: Output }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** A problem with one input, named by its path in the procedure's input (`inputs.0.s3Uri`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * What each input path is called on the form. A `*` stands for a list index and `{n}` in the
 * label for its position counted from 1: `{ 'inputs.*.s3Uri': 'Channel {n} location' }`.
 */
export type FieldLabels = Record<string, string>;

/** Every rule `input` breaks under `schema`, in plain words, keyed by input path. */
export function parseWithSchema<Output>(
  schema: Schema<Output>,
  input: unknown,
): { data: Output; problems: [] } | { data: null; problems: FieldProblem[] } {
  const result = schema.safeParse(input, { error: plainIssueMessage });
  if (result.success) return { data: result.data, problems: [] };
  return {
    data: null,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/**
 * The API's field problems: a tRPC error carries `data.fieldErrors` ({ path, message }) when the
 * refusal is about an input (a schema rule, a refused storage location).
 */
export function serverProblems(error: unknown): FieldProblem[] {
  const fieldErrors = (error as { data?: { fieldErrors?: unknown } } | null)?.data?.fieldErrors;
  if (!Array.isArray(fieldErrors)) return [];
  return (fieldErrors as { path?: unknown; message?: unknown }[]).flatMap((item) =>
    typeof item.path === 'string' && typeof item.message === 'string'
      ? [{ path: item.path, message: item.message }]
      : [],
  );
}

/** The first problem about `path` itself or, with `nested`, about anything under it. */
export function problemAt(
  problems: readonly FieldProblem[],
  path: string,
  nested = false,
): FieldProblem | undefined {
  return problems.find(
    (problem) =>
      problem.path === path || (nested && path !== '' && problem.path.startsWith(`${path}.`)),
  );
}

/** The label of an input path, or undefined when the form shows no field for it. */
export function labelFor(labels: FieldLabels, path: string): string | undefined {
  const exact = labels[path];
  if (exact !== undefined) return exact;
  const indices: number[] = [];
  const pattern = path
    .split('.')
    .map((segment) => {
      if (!/^\d+$/.test(segment)) return segment;
      indices.push(Number(segment));
      return '*';
    })
    .join('.');
  const label = labels[pattern];
  if (label === undefined) return undefined;
  return label.replace('{n}', String((indices[0] ?? 0) + 1));
}

/** How core's rules that follow the field's name begin ("must be…", "is required"). */
const followsName =
  /^(must|is|are|needs|has|have|takes|may|names|cannot|does|should|decodes|contains)\b/;

/**
 * A rule as a sentence about its field: most of core's rules are written to follow the field's
 * name ("must be 3 to 24 characters…"), so they get the label in front; an instruction ("pick a
 * model") or a message that already is a sentence ("Only the creator may read a private
 * dataset") stays as it is.
 */
export function sentence(label: string | undefined, message: string): string {
  const text = label && followsName.test(message) ? `${label} ${message}` : capitalise(message);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The one message above the submit button: the problems no field of the form shows (each as a
 * sentence with its label, never its path), or the error's own message when it is not about
 * fields (a network failure, a conflict).
 */
export function formProblem(
  error: unknown,
  labels: FieldLabels,
  shownOnFields: (path: string) => boolean,
): string | null {
  if (!error) return null;
  const problems = serverProblems(error);
  if (problems.length === 0)
    return error instanceof Error ? error.message : 'Something went wrong.';
  const unshown = problems.filter((problem) => !shownOnFields(problem.path));
  if (unshown.length === 0) return 'Check the marked fields.';
  return unshown
    .map((problem) => sentence(labelFor(labels, problem.path), problem.message))
    .join(' ');
}
