/** The API's rules for ML resources (core's training schemas), repeated for feedback while typing. */
export function computeNameProblem(name: string): string | null {
  if (!name) return 'A name is required';
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(name))
    return 'Use 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen';
  return null;
}

export function s3UriProblem(uri: string): string | null {
  if (!uri.trim()) return 'An S3 URI is required';
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(uri.trim()))
    return 'Use an S3 URI like s3://bucket/prefix';
  return null;
}

export function regexProblem(pattern: string): string | null {
  if (!pattern) return 'A regular expression is required';
  try {
    if ((new RegExp(`${pattern}|`).exec('')?.length ?? 0) < 2)
      return 'Put one capture group ( ) around the value';
  } catch {
    return 'This is not a valid regular expression';
  }
  return null;
}

export function wholeNumberProblem(
  value: number,
  min: number,
  max: number,
  what: string,
): string | null {
  if (!Number.isInteger(value) || value < min || value > max)
    return `${what}: a whole number from ${min} to ${max}`;
  return null;
}

/** `key=value` lines → a record; returns the first bad line's problem. */
export function parseKeyValues(text: string): {
  values: Record<string, string>;
  problem: string | null;
} {
  const values: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at < 1) return { values, problem: `Line ${index + 1}: write name=value` };
    const key = line.slice(0, at).trim();
    if (!/^[A-Za-z0-9_.:-]{1,256}$/.test(key))
      return { values, problem: `Line ${index + 1}: names take letters, digits and _ . : - only` };
    values[key] = line.slice(at + 1).trim();
  }
  return { values, problem: null };
}
