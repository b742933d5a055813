/**
 * What `reach.ts` reads of a user (their group rows, their project rows and memberships, the link
 * rows that confirm projects reached through groups), kept in this process while the reach epoch
 * stands (ADR 011, "The reach cache").
 *
 * Every request reads the epoch first, strongly consistently, and every transaction that writes a
 * project, group or membership row moves the epoch on in that same transaction (`tx.ts`). So what
 * is kept under epoch N was read after every change up to N had committed, and the first request
 * after any later change reads N+1 and reads the reach again: in this process, another one, or
 * another Lambda. Dataset rows are not kept; only the rows that say which scopes a user reaches.
 *
 * Projects are kept as they are read, in name order, from where a page first needed them: a page
 * costs what it shows even when nothing is kept yet, and the next page continues the same walk.
 */
import type { EpochKeptOptions } from './epoch-kept';
import { readEpochs } from './epochs';
import type { Context } from './model';
import { reachedGroups, reachedProjects, type ReachedGroup, type ReachedProject } from './reach';

export interface Reach {
  /** The user's groups, by name. */
  groups: ReachedGroup[];
  /** The user's projects by lower-cased name from `from` (inclusive) on, `chunk` at a time. */
  projectsFrom(from: string | undefined, chunk: number): AsyncGenerator<ReachedProject[]>;
}

/** The timings are the epoch discipline's (`epoch-kept.ts`); the bounds are per user. */
export interface ReachCacheOptions extends Omit<EpochKeptOptions, 'maxWeight' | 'maxEntries'> {
  /** Groups and projects kept over all users; the least recently served users are dropped first. */
  maxItems?: number;
  /** Users kept; 0 keeps nothing (every request reads the reach, as a cold process does). */
  maxUsers?: number;
}

/** Walks kept per user: a first page, and pages reached through cursors from elsewhere. */
const maxWalksPerUser = 4;

function firstAtOrAfter(items: readonly ReachedProject[], key: string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((items[middle]?.key ?? '') < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A user's projects from `start` on, read a chunk at a time on demand and kept. */
class ProjectWalk {
  readonly items: ReachedProject[] = [];
  private done = false;
  private failure: Error | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    readonly start: string,
    private readonly source: AsyncGenerator<ReachedProject[]>,
    private readonly grew: (count: number) => void,
  ) {}

  get broken(): boolean {
    return this.failure !== undefined;
  }

  /** Whether every project from `from` up to what was read so far is here. */
  covers(from: string): boolean {
    if (this.broken || from < this.start) return false;
    const last = this.items.at(-1);
    return this.done || (last !== undefined && from <= last.key);
  }

  async *from(from: string, chunk: number): AsyncGenerator<ReachedProject[]> {
    let index = firstAtOrAfter(this.items, from);
    for (;;) {
      if (index < this.items.length) {
        const batch = this.items.slice(index, index + chunk);
        index += batch.length;
        yield batch;
      } else if (this.done) return;
      else await this.readMore();
    }
  }

  /** One read at a time, shared by every page waiting on it. */
  private readMore(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.reading ??= this.source.next().then(
      (next) => {
        this.reading = undefined;
        if (next.done) this.done = true;
        else {
          this.items.push(...next.value);
          this.grew(next.value.length);
        }
      },
      (error: unknown) => {
        this.reading = undefined;
        // A walk that failed part-way is never taken for complete.
        this.failure = error instanceof Error ? error : new Error(String(error));
        throw error;
      },
    );
    return this.reading;
  }
}

interface Entry {
  username: string;
  epoch: number;
  expiresAt: number;
  groups: Promise<ReachedGroup[]>;
  walks: ProjectWalk[];
  /** Groups and projects held. */
  weight: number;
}

export function createReachCache(context: Context, options: ReachCacheOptions = {}) {
  const {
    maxItems = 50_000,
    maxUsers = 5_000,
    settleMs = 2_000,
    maxAgeMs = 60_000,
    clock = () => performance.now(),
  } = options;
  /** By username, least recently served first. */
  const entries = new Map<string, Entry>();
  let heldItems = 0;
  let newestEpoch = -1;
  let newestEpochSeenAt = 0;

  function isHeld(entry: Entry): boolean {
    return entries.get(entry.username) === entry;
  }

  function forget(entry: Entry): void {
    if (!isHeld(entry)) return;
    entries.delete(entry.username);
    heldItems -= entry.weight;
  }

  function resize(entry: Entry, change: number): void {
    entry.weight += change;
    if (!isHeld(entry)) return;
    heldItems += change;
    for (const oldest of entries.values()) {
      if (heldItems <= maxItems && entries.size <= maxUsers) break;
      forget(oldest);
    }
  }

  function walkFor(entry: Entry, groups: ReachedGroup[], from: string, chunk: number) {
    const covering = entry.walks
      .filter((walk) => walk.covers(from))
      .sort((a, b) => (a.start < b.start ? 1 : -1))[0];
    if (covering) return covering;
    for (const walk of entry.walks.filter((kept) => kept.broken)) {
      entry.walks.splice(entry.walks.indexOf(walk), 1);
      resize(entry, -walk.items.length);
    }
    const walk = new ProjectWalk(
      from,
      reachedProjects(context, entry.username, groups, { from, chunk }),
      (count) => resize(entry, count),
    );
    entry.walks.push(walk);
    if (entry.walks.length > maxWalksPerUser) {
      const dropped = entry.walks.shift();
      if (dropped) resize(entry, -dropped.items.length);
    }
    return walk;
  }

  /** For a request whose epoch is older than one already seen: read, and keep nothing. */
  async function readUncached(username: string): Promise<Reach> {
    const groups = await reachedGroups(context, username);
    return {
      groups,
      projectsFrom: (from, chunk) => reachedProjects(context, username, groups, { from, chunk }),
    };
  }

  return {
    /** `epoch`: the reach epoch when the caller has just read it (`readEpochs`); read otherwise. */
    async of(username: string, epochRead?: number): Promise<Reach> {
      const epoch = epochRead ?? (await readEpochs(context)).reach;
      const now = clock();
      if (epoch > newestEpoch) {
        newestEpoch = epoch;
        newestEpochSeenAt = now;
      }
      let entry = entries.get(username);
      if (entry && (entry.epoch < epoch || now >= entry.expiresAt)) {
        forget(entry);
        entry = undefined;
      }
      if (entry) {
        // A kept reach of a newer epoch than this request read is newer data: use it.
        entries.delete(username);
        entries.set(username, entry);
      } else {
        if (epoch < newestEpoch) return readUncached(username);
        const settled = now >= newestEpochSeenAt + settleMs;
        const created: Entry = {
          username,
          epoch,
          expiresAt: settled ? now + maxAgeMs : newestEpochSeenAt + settleMs,
          groups: reachedGroups(context, username),
          walks: [],
          weight: 0,
        };
        entries.set(username, created);
        created.groups.then(
          (groups) => resize(created, groups.length),
          () => forget(created),
        );
        resize(created, 0);
        entry = created;
      }
      const held = entry;
      const groups = await held.groups;
      return {
        groups,
        projectsFrom: (from, chunk) => {
          const start = from?.toLowerCase() ?? '';
          return walkFor(held, groups, start, chunk).from(start, chunk);
        },
      };
    },
  };
}

export type ReachCache = ReturnType<typeof createReachCache>;
