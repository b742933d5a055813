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

export interface DatasetPageCacheOptions {
  /** Dataset records kept over all pages; the least recently served pages are dropped first. */
  maxItems?: number;
  /** Pages kept; 0 keeps nothing (every request reads its pages, as a cold process does). */
  maxPages?: number;
  /**
   * On DynamoDB, index Queries (a group's shares) may trail a commit by a moment. A page read
   * within this long of this process first seeing an epoch is read again once the time has
   * passed, so a lagging read is never kept for the epoch's whole life.
   */
  settleMs?: number;
  /** A page is read again at least this often, whatever the epoch says. */
  maxAgeMs?: number;
  /** Monotonic milliseconds, injectable for tests. */
  clock?: () => number;
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

interface Entry {
  key: string;
  page: Promise<Page<DatasetRecord>>;
  expiresAt: number;
  /** Records held. */
  weight: number;
}

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
  const {
    maxItems = 50_000,
    maxPages = 10_000,
    settleMs = 2_000,
    maxAgeMs = 60_000,
    clock = () => performance.now(),
  } = options;
  /** By key, least recently served first; every entry was read under `newestEpoch`. */
  const entries = new Map<string, Entry>();
  let heldItems = 0;
  let newestEpoch = -1;
  let newestEpochSeenAt = 0;

  function forget(entry: Entry): void {
    if (entries.get(entry.key) !== entry) return;
    entries.delete(entry.key);
    heldItems -= entry.weight;
  }

  function trim(): void {
    for (const oldest of entries.values()) {
      if (heldItems <= maxItems && entries.size <= maxPages) break;
      forget(oldest);
    }
  }

  function keep(key: string, read: ReadPage, now: number): Promise<Page<DatasetRecord>> {
    const settled = now >= newestEpochSeenAt + settleMs;
    const entry: Entry = {
      key,
      page: read().then(frozen),
      expiresAt: settled ? now + maxAgeMs : newestEpochSeenAt + settleMs,
      weight: 0,
    };
    entries.set(key, entry);
    trim();
    entry.page.then(
      (page) => {
        if (entries.get(key) !== entry) return;
        entry.weight = page.items.length;
        heldItems += entry.weight;
        trim();
      },
      () => forget(entry),
    );
    return entry.page;
  }

  return {
    /**
     * A reader for one request that read dataset epoch `epoch` (`readEpochs`). A newer epoch
     * drops every kept page; a request whose epoch is older than one already seen (it raced a
     * write) reads without keeping anything.
     */
    under(epoch: number): KeptPageReader {
      const now = clock();
      if (epoch > newestEpoch) {
        newestEpoch = epoch;
        newestEpochSeenAt = now;
        entries.clear();
        heldItems = 0;
      }
      if (epoch < newestEpoch || maxPages === 0) return (_key, read) => read();
      return (pageKey, read) => {
        const key = keyOf(pageKey);
        const entry = entries.get(key);
        if (entry && clock() < entry.expiresAt) {
          entries.delete(key);
          entries.set(key, entry);
          return entry.page;
        }
        if (entry) forget(entry);
        // Another request may have seen a newer epoch since this one read its own.
        if (epoch < newestEpoch) return read();
        return keep(key, read, clock());
      };
    },
  };
}

export type DatasetPageCache = ReturnType<typeof createDatasetPageCache>;
