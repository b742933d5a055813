export interface ConfigChange {
  path: string;
  before: string;
  after: string;
}

function flatten(value: unknown, path: string, into: Map<string, string>): void {
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    into.set(path, value.length > 0 ? value.join(', ') : '(none)');
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    for (const [key, child] of entries) flatten(child, path ? `${path}.${key}` : key, into);
    return;
  }
  into.set(path, value === '' ? '(empty)' : String(value));
}

/** Every leaf that differs between two configurations, as "path: before → after" rows. */
export function diffConfig(before: unknown, after: unknown): ConfigChange[] {
  const left = new Map<string, string>();
  const right = new Map<string, string>();
  flatten(before, '', left);
  flatten(after, '', right);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return paths
    .filter((path) => left.get(path) !== right.get(path))
    .map((path) => ({
      path,
      before: left.get(path) ?? '(absent)',
      after: right.get(path) ?? '(absent)',
    }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reapplies my edits (`mine` against the `base` I loaded) onto the `latest` version someone else
 * saved meanwhile: what I did not touch takes their value, what I changed keeps mine.
 */
export function rebaseEdits<T>(base: T, mine: T, latest: T): T {
  if (JSON.stringify(base) === JSON.stringify(mine)) return latest;
  if (isPlainObject(base) && isPlainObject(mine) && isPlainObject(latest)) {
    const merged: Record<string, unknown> = { ...latest };
    for (const key of Object.keys(mine))
      merged[key] = rebaseEdits(base[key], mine[key], latest[key]);
    return merged as T;
  }
  return mine;
}
