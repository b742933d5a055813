/** Reads a dotted input path (`inputs.0.s3Uri`) from a form's values; '' is all of them. */
export function valueAt(values: unknown, path: string): unknown {
  if (path === '') return values;
  let current = values;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A copy of `values` with `path` set to `value`; lists stay lists. */
export function withValueAt<Values>(values: Values, path: string, value: unknown): Values {
  const [head = '', ...rest] = path.split('.');
  const container: unknown = values ?? {};
  const child = rest.length ? withValueAt(valueAt(container, head), rest.join('.'), value) : value;
  if (Array.isArray(container)) {
    const copy = [...(container as unknown[])];
    copy[Number(head)] = child;
    return copy as Values;
  }
  return { ...(container as Record<string, unknown>), [head]: child } as Values;
}

/**
 * `name=value` lines as a record: the textarea's format, not a rule (core's schema checks the
 * names); a line without `=` is reported by its number.
 */
export function parseKeyValueLines(text: string): {
  values: Record<string, string>;
  badLine: number | null;
} {
  const values: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at < 1) return { values, badLine: index + 1 };
    values[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { values, badLine: null };
}

export function keyValueLines(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}
