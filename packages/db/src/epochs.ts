/**
 * The epochs the in-process caches stand on (ADR 011): `reach` moves with every write to a
 * project, group or membership row, `datasets` with every write to a dataset or share row, each in
 * the write's own transaction (`tx.ts`). Both live on one item, read strongly consistently in one
 * GetItem at the start of a request that may serve from a cache.
 *
 * Requests share reads ("The epoch read, shared"): a read already on its way may have left before
 * a write the caller saw complete, so a caller never takes it; it waits for the read in flight to
 * end (or 20 ms at most) and shares the one sent after that with everyone who arrived meanwhile.
 * Every caller so gets a read sent after it asked, as if it had sent its own, and under load one
 * read serves many.
 */
import type { Context } from './model';

export interface Epochs {
  reach: number;
  datasets: number;
}

interface SharedReads {
  /** The read on its way, if any. */
  inFlight?: Promise<Epochs>;
  /** The read that will leave when `inFlight` ends, shared by everyone who asked meanwhile. */
  next?: Promise<Epochs>;
}

const sharedReads = new WeakMap<Context, SharedReads>();

/**
 * The longest a request waits for the read in flight before its own read leaves anyway: a read
 * stalled on a busy or dead database must not add its whole timeout to every request behind it.
 */
const longestWaitMs = 20;

async function readNow(context: Context): Promise<Epochs> {
  const { data } = await context.model.entities.reachEpoch
    .get({})
    .go({ consistent: true, attributes: ['epoch', 'datasetEpoch'] });
  return { reach: data?.epoch ?? 0, datasets: data?.datasetEpoch ?? 0 };
}

function send(context: Context, shared: SharedReads): Promise<Epochs> {
  const read: Promise<Epochs> = readNow(context).finally(() => {
    if (shared.inFlight === read) shared.inFlight = undefined;
  });
  shared.inFlight = read;
  return read;
}

export function readEpochs(context: Context): Promise<Epochs> {
  let shared = sharedReads.get(context);
  if (!shared) {
    shared = {};
    sharedReads.set(context, shared);
  }
  const reads = shared;
  // Not sent yet: it leaves after this caller asked.
  if (reads.next) return reads.next;
  if (!reads.inFlight) return send(context, reads);
  const inFlight = reads.inFlight;
  reads.next = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, longestWaitMs);
    const settled = () => {
      clearTimeout(timer);
      resolve();
    };
    inFlight.then(settled, settled);
  }).then(() => {
    reads.next = undefined;
    return send(context, reads);
  });
  return reads.next;
}
