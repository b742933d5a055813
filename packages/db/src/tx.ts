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
const writeMethods: ReadonlySet<string> = new Set([
  'put',
  'create',
  'upsert',
  'update',
  'patch',
  'delete',
  'remove',
]);

/** Entities as the ops see them, noting whether any op writes a reach row. */
function noticingReachWrites(entities: TxEntities, noticed: { reachWrite: boolean }): TxEntities {
  return new Proxy(entities, {
    get(target, name, receiver) {
      const entity: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || !reachEntities.has(name) || typeof entity !== 'object')
        return entity;
      return new Proxy(entity as object, {
        get(entityTarget, method) {
          const value: unknown = Reflect.get(entityTarget, method);
          if (typeof value !== 'function') return value;
          if (typeof method === 'string' && writeMethods.has(method)) noticed.reachWrite = true;
          return (value as (...args: unknown[]) => unknown).bind(entityTarget);
        },
      });
    },
  });
}

/** Appended last, so a failed condition's index still names the caller's own op. */
const bumpReachEpoch: TxOp = ({ reachEpoch }) => reachEpoch.update({}).add({ epoch: 1 }).commit();

/**
 * Transactions touching the same item at the same moment cancel each other on DynamoDB
 * (`TransactionConflict`, no failed condition); every write to a reach row shares the epoch item,
 * so unrelated membership changes can collide. A cancelled transaction wrote nothing, so it is
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
    const noticed = { reachWrite: false };
    const outcome = await model.transaction
      .write((entities) => {
        const items = ops.map((op) => op(noticingReachWrites(entities, noticed)));
        return noticed.reachWrite ? [...items, bumpReachEpoch(entities)] : items;
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
  explain: (failedIndex: number) => string,
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
