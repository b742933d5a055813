/**
 * "Every dataset I can see" is several Queries (global, my private ones, each of my projects,
 * each of my groups). This walks them in order with one cursor that remembers which source it
 * was in and that source's own cursor, so the combined list pages like any other.
 */
import { ValidationError, type DatasetRecord, type Page } from '@mlspace/core';

export type DatasetSource = (page: {
  cursor: string | null;
  limit: number;
}) => Promise<Page<DatasetRecord>>;

interface CompositeCursor {
  source: number;
  cursor: string | null;
}

function encode(cursor: CompositeCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decode(cursor: string): CompositeCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CompositeCursor;
    if (
      typeof parsed.source === 'number' &&
      (parsed.cursor === null || typeof parsed.cursor === 'string')
    )
      return parsed;
  } catch {
    // fall through
  }
  throw new ValidationError('cursor', 'is not a cursor this list returned');
}

export async function listFromSources(
  sources: DatasetSource[],
  page: { cursor?: string | null; limit: number },
): Promise<Page<DatasetRecord>> {
  let position: CompositeCursor = page.cursor ? decode(page.cursor) : { source: 0, cursor: null };
  const items: DatasetRecord[] = [];
  while (position.source < sources.length) {
    const source = sources[position.source];
    if (!source) break;
    const remaining = page.limit - items.length;
    const result = await source({ cursor: position.cursor, limit: remaining });
    items.push(...result.items);
    position = result.cursor
      ? { source: position.source, cursor: result.cursor }
      : { source: position.source + 1, cursor: null };
    if (items.length >= page.limit) break;
  }
  return { items, cursor: position.source < sources.length ? encode(position) : null };
}
