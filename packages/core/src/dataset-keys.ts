import { ValidationError } from './errors';

/** Slashes that NFKC leaves alone but that read as / or \\ (division and fraction slash, big solidus, set minus). */
const slashLookAlikes = new Set(['\u2215', '\u2044', '\u29f8', '\u29f9', '\u2216']);

/** Characters that normalise (NFKC) into a dot, slash or backslash, or look like one: they could smuggle traversal. */
function isLookAlike(character: string): boolean {
  if (character === '.' || character === '/' || character === '\\') return false;
  return slashLookAlikes.has(character) || /[./\\]/.test(character.normalize('NFKC'));
}

function hasControlCharacter(name: string): boolean {
  for (const character of name) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** The first rule `name` breaks, or null. Runs on the raw name and on each percent-decoding of it. */
function brokenRule(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (hasControlCharacter(name)) return 'must not contain control characters';
  if (name.includes('\\')) return 'must not contain backslashes (use / between folders)';
  if (name.startsWith('/')) return 'must not start with /';
  for (const character of name) {
    if (isLookAlike(character))
      return `must not contain ${JSON.stringify(character)}, which reads as . or / once normalised`;
  }
  const segments = name.split('/');
  if (segments.some((segment) => segment === ''))
    return 'must not contain an empty path segment (// or a trailing /)';
  if (segments.some((segment) => segment === '..')) return 'must not contain a .. segment';
  if (segments.some((segment) => segment === '.')) return 'must not contain a . segment';
  return null;
}

/** Decodes %XX sequences repeatedly (double encoding included) until stable; null if malformed. */
function percentDecodings(name: string): string[] {
  const decodings: string[] = [];
  let current = name;
  for (let round = 0; round < 4 && /%[0-9a-fA-F]{2}/.test(current); round += 1) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return decodings;
    }
    decodings.push(current);
  }
  return decodings;
}

/**
 * Refuses a file name (a path inside a dataset) that could escape the dataset's prefix, however
 * it is written: `..` or `.` segments, a leading `/`, control characters, empty segments,
 * backslashes, Unicode look-alikes of `.` and `/`, and any of these hidden by percent-encoding.
 */
export function assertSafeFileName(name: string, field = 'fileName'): void {
  if (new TextEncoder().encode(name).length > 900)
    throw new ValidationError(field, 'must be at most 900 bytes');
  const raw = brokenRule(name);
  if (raw) throw new ValidationError(field, `${JSON.stringify(name)} ${raw}`);
  for (const decoded of percentDecodings(name)) {
    const hidden = brokenRule(decoded);
    if (hidden)
      throw new ValidationError(field, `${JSON.stringify(name)} decodes to a name that ${hidden}`);
  }
}

/** The object key of a file inside a dataset, after checking the name. */
export function datasetFileKey(prefix: string, fileName: string, field = 'fileName'): string {
  assertSafeFileName(fileName, field);
  return `${prefix}${fileName}`;
}

/** The file name of a key that must lie inside `prefix` (for keys coming back from clients). */
export function fileNameInDataset(prefix: string, key: string, field = 'key'): string {
  if (!key.startsWith(prefix))
    throw new ValidationError(field, `${JSON.stringify(key)} is outside this dataset (${prefix})`);
  const name = key.slice(prefix.length);
  assertSafeFileName(name, field);
  return name;
}
