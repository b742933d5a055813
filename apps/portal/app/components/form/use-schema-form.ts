import { useState, type FormEvent } from 'react';

import {
  formProblem,
  labelFor,
  parseWithSchema,
  problemAt,
  sentence,
  serverProblems,
  type FieldLabels,
  type FieldProblem,
  type Schema,
} from './field-messages';
import { valueAt, withValueAt } from './values';

const pathOf = (problem: FieldProblem) => problem.path;

export interface SchemaFormOptions<Values, Output> {
  /** Core's schema for the procedure's input: the same one the API parses with. */
  schema: Schema<Output>;
  initial: Values;
  /** What each input path is called (see `FieldLabels`); paths without a label have no field. */
  labels: FieldLabels;
  /** The procedure's input built from the form's values, when they differ (text → numbers…). */
  toInput?: (values: Values) => unknown;
  /** Problems of the form's own formats the schema never sees (a `name=value` line without `=`). */
  check?: (values: Values) => FieldProblem[];
  /** Prefix of the fields' element ids, so a page's ids stay unique and stable. */
  idPrefix?: string;
}

/** What a field needs of its form, whatever the form's values and schema. */
export interface BoundForm {
  get(path: string): unknown;
  set(path: string, value: unknown): void;
  leave(path: string): void;
  idFor(path: string): string;
  labelOf(path: string): string;
  problemFor(path: string, nested?: boolean): string | null;
}

/**
 * A form's values validated with core's schema: a field's problem shows once it was left (blur)
 * or the form was submitted, and the API's field problems show under their fields until the
 * field changes. `submit(send)` parses, focuses the first field with a problem, or calls `send`
 * with the parsed input; what `send` throws becomes the form's error.
 */
export function useSchemaForm<Values, Output>({
  schema,
  initial,
  labels,
  toInput = (values) => values,
  check = () => [],
  idPrefix = '',
}: SchemaFormOptions<Values, Output>) {
  const [values, setValues] = useState(initial);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  /** The form's one message: the server's refusal, or rules about inputs no field shows. */
  const [serverError, setServerError] = useState<string | null>(null);
  const [offField, setOffField] = useState<string[]>([]);
  const [fromServer, setFromServer] = useState<FieldProblem[]>([]);
  const formatProblems = check(values);
  const schemaParse = parseWithSchema(schema, toInput(values));
  const parsed = formatProblems.length
    ? { data: null, problems: [...formatProblems, ...schemaParse.problems] }
    : schemaParse;

  const idFor = (path: string) => `${idPrefix}${path.replaceAll('.', '-')}`;
  const labelOf = (path: string) => labelFor(labels, path) ?? path;

  function set(path: string, value: unknown) {
    setValues((current) => withValueAt(current, path, value));
    // A field the user changed no longer carries the server's word on it.
    setFromServer((problems) =>
      problems.filter(
        (problem) =>
          problem.path !== path &&
          !problem.path.startsWith(`${path}.`) &&
          !path.startsWith(`${problem.path}.`),
      ),
    );
  }

  function problemFor(path: string, nested = false): string | null {
    const server = problemAt(fromServer, path, nested);
    const client =
      submitted || left.has(path) ? problemAt(parsed.problems, path, nested) : undefined;
    const problem = server ?? client;
    if (!problem) return null;
    return sentence(labelFor(labels, problem.path) ?? labelFor(labels, path), problem.message);
  }

  /** The element showing `path`, or the field holding it (a list, a record). */
  function fieldElement(path: string): HTMLElement | null {
    const segments = path.split('.');
    for (let length = segments.length; length > 0; length -= 1) {
      const element = document.getElementById(idFor(segments.slice(0, length).join('.')));
      if (element) return element;
    }
    return null;
  }

  function submit(send: (input: Output) => Promise<unknown>) {
    return (event: FormEvent) => {
      event.preventDefault();
      setSubmitted(true);
      if (parsed.data === null) {
        // A rule about an input with no field on screen (another choice hides it) goes on top.
        setOffField(parsed.problems.filter((problem) => !fieldElement(problem.path)).map(pathOf));
        parsed.problems
          .map((problem) => fieldElement(problem.path))
          .find(Boolean)
          ?.focus();
        return;
      }
      const input = parsed.data;
      setPending(true);
      setServerError(null);
      setFromServer([]);
      void send(input)
        .catch((error: unknown) => {
          const problems = serverProblems(error);
          const hidden = problems.filter((problem) => !fieldElement(problem.path)).map(pathOf);
          setServerError(formProblem(error, labels, (path) => !hidden.includes(path)));
          setFromServer(problems.filter((problem) => !hidden.includes(problem.path)));
        })
        .finally(() => setPending(false));
    };
  }

  const clientFormError = parsed.problems
    .filter((problem) => offField.includes(problem.path))
    .map((problem) => sentence(labelFor(labels, problem.path), problem.message))
    .join(' ');
  const formError = serverError ?? (clientFormError || null);

  /** Starts the form over from `next` (a chat's next message): no field left, nothing submitted. */
  function restart(next: Values) {
    setValues(next);
    setLeft(new Set());
    setSubmitted(false);
    setServerError(null);
    setOffField([]);
    setFromServer([]);
  }

  return {
    values,
    setValues,
    restart,
    get: (path: string) => valueAt(values, path),
    set,
    leave: (path: string) => setLeft((current) => new Set(current).add(path)),
    idFor,
    labelOf,
    problemFor,
    submit,
    pending,
    formError,
    /** The parsed input, or null while a rule is broken. */
    input: parsed.data,
  };
}
