/** Results for people (aligned columns) or for scripts (`--json`: the API's output as it came). */
import type { MlspaceError } from '@mlspace/client';

export interface Output {
  json: boolean;
  /** The command's result: JSON as is, or printed by `human` for people. */
  result(value: unknown, human?: () => void): void;
  line(text: string): void;
  /** Progress and notes: stderr, so stdout stays the result. */
  note(text: string): void;
}

export function createOutput(
  json: boolean,
  stdout = process.stdout,
  stderr = process.stderr,
): Output {
  return {
    json,
    result(value, human) {
      if (json) stdout.write(`${JSON.stringify(value ?? null, null, 2)}\n`);
      else if (human) human();
      else if (value !== undefined)
        stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
    },
    line: (text) => void stdout.write(`${text}\n`),
    note: (text) => void stderr.write(`${text}\n`),
  };
}

/** Rows as aligned columns under a header; an empty list says so. */
export function table(
  output: Output,
  columns: string[],
  rows: Array<Array<string | number | null | undefined>>,
  empty = 'Nothing to list.',
): void {
  if (rows.length === 0) return output.line(empty);
  const cells = [
    columns,
    ...rows.map((row) =>
      row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))),
    ),
  ];
  const widths = columns.map((_, index) =>
    Math.max(...cells.map((row) => row[index]?.length ?? 0)),
  );
  for (const row of cells)
    output.line(
      row
        .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
}

/** An API refusal as the user should read it: the sentence, then each field and its rule. */
export function describeError(error: MlspaceError): string {
  const lines = [
    `Error: ${error.message}${error.status ? ` (${error.status} ${error.code})` : ''}`,
  ];
  const fields = error.fieldErrors.filter(
    (field) =>
      !error.message.includes(`${field.path}: ${field.message}`) || error.fieldErrors.length > 1,
  );
  for (const field of fields) lines.push(`  ${field.path || '(input)'}: ${field.message}`);
  return lines.join('\n');
}
