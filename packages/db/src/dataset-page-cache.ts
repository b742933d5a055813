/**
 * Pages of one dataset scope (global, a user's private datasets, a project, a group's shares),
 * kept in this process while the dataset epoch stands (ADR 011, "The dataset page cache").
 *
 * Every transaction that writes a dataset or share row moves the dataset epoch on in that same
 * transaction (`tx.ts`), and a request reads the epoch strongly consistently before it asks for a
 * page. So a page kept under epoch N was read after every dataset write up to N had committed,
 * and the first request after a later write, in this process or another, reads N+1 and reads its
 * pages again. A scope's pages are the same whoever reads them: who may see a scope is the reach's
 * business (`reach-cache.ts`), so pages are shared by every user who reaches the scope.
 */
import type { DatasetRecord, Page } from '@mlspace/core';

import { createEpochKept, type EpochKeptOptions } from './epoch-kept';

export interface DatasetPageCacheOptions extends Omit<
  EpochKeptOptions,
  'maxWeight' | 'maxEntries'
> {
  /** Dataset records kept over all pages; the least recently served pages are dropped first. */
  maxItems?: number;
  /** Pages kept; 0 keeps nothing (every request reads its pages, as a cold process does). */
  maxPages?: number;
}

/** Which page of which scope: the scope, the cursor, the page size and the name filter. */
export interface DatasetPageKey {
  scope: string;
  cursor: string | null;
  limit: number;
  nameContains: string | undefined;
}

type ReadPage = () => Promise<Page<DatasetRecord>>;

/** Reads a scope's page through the cache, under the epoch the request read. */
export type KeptPageReader = (key: DatasetPageKey, read: ReadPage) => Promise<Page<DatasetRecord>>;

function keyOf({ scope, cursor, limit, nameContains }: DatasetPageKey): string {
  return JSON.stringify([scope, cursor, limit, nameContains ?? null]);
}

/** Kept pages are handed to every later reader: nothing downstream may change them. */
function frozen(page: Page<DatasetRecord>): Page<DatasetRecord> {
  for (const record of page.items) {
    Object.freeze(record.groups);
    Object.freeze(record);
  }
  Object.freeze(page.items);
  return Object.freeze(page);
}

export function createDatasetPageCache(options: DatasetPageCacheOptions = {}) {
  const { maxItems, maxPages, ...timings } = options;
  const kept = createEpochKept<Page<DatasetRecord>>({
    ...timings,
    maxWeight: maxItems,
    maxEntries: maxPages,
    weigh: (page) => page.items.length,
    seal: frozen,
  });
  return {
    /**
     * A reader for one request that read dataset epoch `epoch` (`readEpochs`). A newer epoch
     * drops every kept page; a request whose epoch is older than one already seen (it raced a
     * write) reads without keeping anything.
     */
    under(epoch: number): KeptPageReader {
      const reader = kept.under(epoch);
      return (key, read) => reader(keyOf(key), read);
    },
  };
}

export type DatasetPageCache = ReturnType<typeof createDatasetPageCache>;
