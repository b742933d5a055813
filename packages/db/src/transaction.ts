import { ConflictError } from '@mlspace/core';

export interface TransactionOutcome {
  canceled: boolean;
  data: { rejected: boolean; code: string; message?: string }[];
}

/**
 * ElectroDB reports a cancelled transaction as data rather than an error. This turns it into a
 * ConflictError: `explain(index)` names the rule behind the first failed condition, in the order
 * the transaction listed its items (or returns the error to throw, when a rule has its own).
 */
export function assertCommitted(
  outcome: TransactionOutcome,
  explain: (failedIndex: number) => string | Error,
): void {
  if (!outcome.canceled) return;
  const failed = outcome.data.findIndex((item) => item.code === 'ConditionalCheckFailed');
  if (failed >= 0) {
    const explained = explain(failed);
    throw explained instanceof Error ? explained : new ConflictError(explained);
  }
  const codes = [
    ...new Set(outcome.data.filter((item) => item.rejected).map((item) => item.code)),
  ].join(', ');
  throw new ConflictError(
    `Another change to the same data happened at the same time (${codes}); try again`,
  );
}

/** DynamoDB allows at most 100 items per transaction. */
export const maxTransactionItems = 100;

/**
 * What a caller may put in one transaction: `writeTransaction` adds the epochs' bump (one item) to
 * every transaction that writes a project, group, membership, dataset or share row (ADR 011).
 */
export const maxOpsPerTransaction = maxTransactionItems - 1;

export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < values.length; index += size)
    chunks.push(values.slice(index, index + size));
  return chunks;
}

/**
 * Packs groups of items that must commit together into as few transactions as fit (leaving room
 * for the epochs' bump), keeping each group whole and `final` in the last transaction.
 */
export function packTransactions<T>(groups: readonly T[][], final: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  for (const group of [...groups, [...final]]) {
    if (current.length + group.length > maxOpsPerTransaction && current.length > 0) {
      batches.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
