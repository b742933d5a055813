/**
 * "Every dataset I can see" is several Queries (global, my private ones, each of my projects,
 * each of my groups). This walks them in order with one cursor that names the source it was in
 * and that source's own cursor, so the combined list pages like any other. Scopes known to hold
 * no dataset are left out before the walk (ADR 011), so a page costs Queries in proportion to
 * the page, not to the caller's memberships.
 */
import { ValidationError, type DatasetRecord, type Page } from '@mlspace/core';
import type { VisibleScope } from '@mlspace/db';

export interface DatasetSource {
  /** Sources are given in ascending order of `id`, which the cursor names. */
  id: string;
  read: (page: { cursor: string | null; limit: number }) => Promise<Page<DatasetRecord>>;
}

interface CompositeCursor {
  source: string;
  cursor: string | null;
}

function encode(cursor: CompositeCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decode(cursor: string): CompositeCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CompositeCursor;
    if (
      typeof parsed.source === 'string' &&
      (parsed.cursor === null || typeof parsed.cursor === 'string')
    )
      return parsed;
  } catch {
    // fall through
  }
  throw new ValidationError('cursor', 'is not a cursor this list returned');
}

export function sourceId(kind: 'global' | 'private' | 'project' | 'group', name = ''): string {
  const rank = { global: 0, private: 1, project: 2, group: 3 }[kind];
  return `${rank}:${kind}:${name}`;
}

/** Scopes whose hint says they hold no dataset are not sources at all. */
export function mayHoldDatasets(scope: VisibleScope): boolean {
  return scope.holdsDatasets !== false;
}

/** Where a cursor resumes: its own source, or (if that source is gone since) the next one after it. */
function resumeAt(sources: DatasetSource[], cursor: CompositeCursor | null) {
  if (!cursor) return { index: 0, cursor: null };
  const index = sources.findIndex((source) => source.id >= cursor.source);
  if (index === -1) return { index: sources.length, cursor: null };
  return { index, cursor: sources[index]?.id === cursor.source ? cursor.cursor : null };
}

export async function listFromSources(
  sources: DatasetSource[],
  page: { cursor?: string | null; limit: number },
): Promise<Page<DatasetRecord>> {
  let position = resumeAt(sources, page.cursor ? decode(page.cursor) : null);
  const items: DatasetRecord[] = [];
  while (position.index < sources.length) {
    const source = sources[position.index];
    if (!source) break;
    const result = await source.read({ cursor: position.cursor, limit: page.limit - items.length });
    items.push(...result.items);
    position = result.cursor
      ? { index: position.index, cursor: result.cursor }
      : { index: position.index + 1, cursor: null };
    if (items.length >= page.limit) break;
  }
  const next = sources[position.index];
  return { items, cursor: next ? encode({ source: next.id, cursor: position.cursor }) : null };
}
