/**
 * Reads kept in this process while an epoch stands (ADR 011): the one discipline the dataset page
 * cache and the project access cache share.
 *
 * A transaction that writes a row a kept read depends on moves its epoch on in that same
 * transaction (`tx.ts`), and a request reads the epoch strongly consistently before it asks. So a
 * value kept under epoch N was read after every write up to N had committed, and the first request
 * after a later write, in this process or another, reads N+1 and reads again. A request whose
 * epoch is older than one already seen (it raced a write) reads without keeping anything.
 */
export interface EpochKeptOptions {
  /** Weight kept over all entries; the least recently served entries are dropped first. */
  maxWeight?: number;
  /** Entries kept; 0 keeps nothing (every request reads, as a cold process does). */
  maxEntries?: number;
  /**
   * On DynamoDB, index Queries and plain reads may trail a commit by a moment. A value read within
   * this long of this process first seeing an epoch is read again once the time has passed, so a
   * lagging read is never kept for the epoch's whole life.
   */
  settleMs?: number;
  /** A value is read again at least this often, whatever the epoch says. */
  maxAgeMs?: number;
  /** Monotonic milliseconds, injectable for tests. */
  clock?: () => number;
}

/** Reads a value through the cache, under the epoch the request read. */
export type KeptReader<V> = (key: string, read: () => Promise<V>) => Promise<V>;

interface Entry<V> {
  key: string;
  value: Promise<V>;
  expiresAt: number;
  weight: number;
}

export function createEpochKept<V>(
  options: EpochKeptOptions & {
    /** What a settled value weighs against `maxWeight`. */
    weigh: (value: V) => number;
    /** Applied to a value before it is kept: kept values are handed to every later reader. */
    seal?: (value: V) => V;
  },
) {
  const {
    maxWeight = 50_000,
    maxEntries = 10_000,
    settleMs = 2_000,
    maxAgeMs = 60_000,
    clock = () => performance.now(),
    weigh,
    seal = (value: V) => value,
  } = options;
  /** By key, least recently served first; every entry was read under `newestEpoch`. */
  const entries = new Map<string, Entry<V>>();
  let heldWeight = 0;
  let newestEpoch = -1;
  let newestEpochSeenAt = 0;

  function forget(entry: Entry<V>): void {
    if (entries.get(entry.key) !== entry) return;
    entries.delete(entry.key);
    heldWeight -= entry.weight;
  }

  function trim(): void {
    for (const oldest of entries.values()) {
      if (heldWeight <= maxWeight && entries.size <= maxEntries) break;
      forget(oldest);
    }
  }

  function keep(key: string, read: () => Promise<V>, now: number): Promise<V> {
    const settled = now >= newestEpochSeenAt + settleMs;
    const entry: Entry<V> = {
      key,
      value: read().then(seal),
      expiresAt: settled ? now + maxAgeMs : newestEpochSeenAt + settleMs,
      weight: 0,
    };
    entries.set(key, entry);
    trim();
    entry.value.then(
      (value) => {
        if (entries.get(key) !== entry) return;
        entry.weight = weigh(value);
        heldWeight += entry.weight;
        trim();
      },
      () => forget(entry),
    );
    return entry.value;
  }

  return {
    /** A reader for one request that read epoch `epoch`; a newer epoch drops every kept value. */
    under(epoch: number): KeptReader<V> {
      const now = clock();
      if (epoch > newestEpoch) {
        newestEpoch = epoch;
        newestEpochSeenAt = now;
        entries.clear();
        heldWeight = 0;
      }
      if (epoch < newestEpoch || maxEntries === 0) return (_key, read) => read();
      return (key, read) => {
        const entry = entries.get(key);
        if (entry && clock() < entry.expiresAt) {
          entries.delete(key);
          entries.set(key, entry);
          return entry.value;
        }
        if (entry) forget(entry);
        // Another request may have seen a newer epoch since this one read its own.
        if (epoch < newestEpoch) return read();
        return keep(key, read, clock());
      };
    },
  };
}
