import type { Model } from './model';
import { assertCommitted } from './transaction';

type WriteCallback = Parameters<Model['transaction']['write']>[0];
export type TxEntities = Parameters<WriteCallback>[0];
export type TxItem = ReturnType<WriteCallback>[number];
/** One item of a write transaction, built from the transaction's entities. */
export type TxOp = (entities: TxEntities) => TxItem;

/** Runs one write transaction; a failed condition becomes a ConflictError worded by `explain`. */
export async function writeTransaction(
  model: Model,
  ops: readonly TxOp[],
  explain: (failedIndex: number) => string,
): Promise<void> {
  const outcome = await model.transaction.write((entities) => ops.map((op) => op(entities))).go();
  assertCommitted(outcome, explain);
}
