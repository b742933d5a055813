import type { Model } from './model';
import { assertCommitted, type TransactionOutcome } from './transaction';

type WriteCallback = Parameters<Model['transaction']['write']>[0];
export type TxEntities = Parameters<WriteCallback>[0];
export type TxItem = ReturnType<WriteCallback>[number];
/** One item of a write transaction, built from the transaction's entities. */
export type TxOp = (entities: TxEntities) => TxItem;

/**
 * The rows a user's reach is read from (`reach.ts`). Every transaction that writes one also moves
 * the reach epoch on (ADR 011, "The reach cache"), so no process keeps serving a reach that the
 * write changed. Condition checks write nothing and do not count.
 */
const reachEntities: ReadonlySet<string> = new Set([
  'project',
  'projectMember',
  'group',
  'groupMember',
]);
/** The rows dataset pages are read from: their writes move the dataset epoch ("The dataset page cache"). */
const datasetEntities: ReadonlySet<string> = new Set(['dataset', 'datasetShare']);
const writeMethods: ReadonlySet<string> = new Set([
  'put',
  'create',
  'upsert',
  'update',
  'patch',
  'delete',
  'remove',
]);

interface NoticedWrites {
  reach: boolean;
  datasets: boolean;
}

/** Entities as the ops see them, noting whether any op writes a reach or a dataset row. */
function noticingCachedWrites(entities: TxEntities, noticed: NoticedWrites): TxEntities {
  return new Proxy(entities, {
    get(target, name, receiver) {
      const entity: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || typeof entity !== 'object') return entity;
      const kind = reachEntities.has(name)
        ? 'reach'
        : datasetEntities.has(name)
          ? 'datasets'
          : undefined;
      if (!kind) return entity;
      return new Proxy(entity as object, {
        get(entityTarget, method) {
          const value: unknown = Reflect.get(entityTarget, method);
          if (typeof value !== 'function') return value;
          if (typeof method === 'string' && writeMethods.has(method)) noticed[kind] = true;
          return (value as (...args: unknown[]) => unknown).bind(entityTarget);
        },
      });
    },
  });
}

/**
 * Appended last, so a failed condition's index still names the caller's own op. Both epochs live
 * on one item, and an item may appear only once in a transaction, so one update moves both.
 */
function bumpEpochs(entities: TxEntities, noticed: NoticedWrites): TxItem {
  return entities.reachEpoch
    .update({})
    .add({
      ...(noticed.reach ? { epoch: 1 } : {}),
      ...(noticed.datasets ? { datasetEpoch: 1 } : {}),
    })
    .commit();
}

/**
 * Transactions touching the same item at the same moment cancel each other on DynamoDB
 * (`TransactionConflict`, no failed condition); every write to a reach or dataset row shares the
 * epoch item, so unrelated changes can collide. A cancelled transaction wrote nothing, so it is
 * tried again; a failed condition is an answer and is not.
 */
const conflictAttempts = 6;

function isConflictOnly(outcome: TransactionOutcome): boolean {
  return (
    outcome.canceled &&
    outcome.data.some((item) => item.code === 'TransactionConflict') &&
    !outcome.data.some((item) => item.code === 'ConditionalCheckFailed')
  );
}

async function commit(model: Model, ops: readonly TxOp[]): Promise<TransactionOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const noticed: NoticedWrites = { reach: false, datasets: false };
    const outcome = await model.transaction
      .write((entities) => {
        const items = ops.map((op) => op(noticingCachedWrites(entities, noticed)));
        return noticed.reach || noticed.datasets
          ? [...items, bumpEpochs(entities, noticed)]
          : items;
      })
      .go();
    if (!isConflictOnly(outcome) || attempt === conflictAttempts) return outcome;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
  }
}

/** Runs one write transaction; a failed condition becomes a ConflictError worded by `explain`. */
export async function writeTransaction(
  model: Model,
  ops: readonly TxOp[],
  explain: (failedIndex: number) => string | Error,
): Promise<void> {
  assertCommitted(await commit(model, ops), explain);
}

/**
 * Runs one write transaction whose failed condition means "nothing to do" (a hint already set, a
 * row already gone): returns false then. Any other cancellation is still an error.
 */
export async function writeTransactionIfConditionsHold(
  model: Model,
  ops: readonly TxOp[],
): Promise<boolean> {
  const outcome = await commit(model, ops);
  if (outcome.data.some((item) => item.code === 'ConditionalCheckFailed')) return false;
  assertCommitted(outcome, () => 'unreachable: no condition failed');
  return true;
}
