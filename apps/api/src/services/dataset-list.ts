/**
 * "Every dataset I can see" is several Queries (global, my private ones, each of my projects,
 * each of my groups). This walks them in order with one cursor that names the source it was in
 * and that source's own cursor, so the combined list pages like any other. Sources are produced
 * lazily from the cursor's position on, and scopes known to hold no dataset are not sources at
 * all (ADR 011), so a page costs reads in proportion to the page, not to the caller's memberships.
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

/**
 * Sources in ascending `id` order, starting at the first whose id is at or after `resumeId`
 * (null: from the start). A source named by a cursor but gone since resumes at the next one.
 */
export type DatasetSources = (resumeId: string | null) => AsyncIterable<DatasetSource>;

/**
 * Scopes ahead of the page are read together: a scope marked as holding datasets yields at least
 * one, so a page of 25 would otherwise be up to 25 Queries one after another.
 */
const sourcesReadTogether = 8;

interface Position {
  source: DatasetSource;
  cursor: string | null;
}

export async function listFromSources(
  sourcesFrom: DatasetSources,
  page: { cursor?: string | null; limit: number },
): Promise<Page<DatasetRecord>> {
  const resume = page.cursor ? decode(page.cursor) : null;
  const sources = sourcesFrom(resume?.source ?? null)[Symbol.asyncIterator]();
  /** The source the page continues in, then the ones after it already taken from `sources`. */
  const ahead: Position[] = [];
  let noMoreSources = false;
  const lookAhead = async (count: number) => {
    while (ahead.length < count && !noMoreSources) {
      const next = await sources.next();
      if (next.done) noMoreSources = true;
      else ahead.push({ source: next.value, cursor: null });
    }
  };
  try {
    await lookAhead(1);
    if (ahead[0] && ahead[0].source.id === resume?.source) ahead[0].cursor = resume.cursor;
    const items: DatasetRecord[] = [];
    while (items.length < page.limit) {
      const needed = page.limit - items.length;
      await lookAhead(Math.min(needed, sourcesReadTogether));
      const window = ahead.slice(0, Math.min(needed, sourcesReadTogether));
      if (window.length === 0) break;
      const results = await Promise.all(
        window.map((position) => position.source.read({ cursor: position.cursor, limit: needed })),
      );
      let finished = 0;
      for (const [index, position] of window.entries()) {
        const result = results[index];
        if (!result) break;
        const room = page.limit - items.length;
        if (room === 0) break;
        if (result.items.length > room) {
          // The page ends inside this source: read just what fits, for a cursor after the last.
          const fitted = await position.source.read({ cursor: position.cursor, limit: room });
          items.push(...fitted.items);
          position.cursor = fitted.cursor;
          if (!fitted.cursor) finished += 1;
          break;
        }
        items.push(...result.items);
        if (result.cursor) {
          // More in this source (a group's page can shrink when shared datasets are filtered).
          position.cursor = result.cursor;
          break;
        }
        finished += 1;
      }
      ahead.splice(0, finished);
    }
    await lookAhead(1);
    const next = ahead[0];
    return { items, cursor: next ? encode({ source: next.source.id, cursor: next.cursor }) : null };
  } finally {
    await sources.return?.();
  }
}
