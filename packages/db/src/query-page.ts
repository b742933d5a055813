import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

import type { Page } from '@mlspace/core';

import { decodeCursor, encodeCursor, keyOf } from './cursor';
import { tableLayout } from './table';

export interface QueryPageOptions<T> {
  cursor?: string | null;
  limit: number;
  /** Turns a raw item into a view; items it returns `null` for are skipped (post-filtering). */
  toView: (raw: Record<string, unknown>) => T | null;
  /** When a FilterExpression is present, read more per request since many items may be dropped. */
  filtered?: boolean;
}

/**
 * Runs a Query (params as built by ElectroDB's `.params()`) until `limit` views are collected
 * or the key range is exhausted. The cursor is the key of the last item returned, not
 * DynamoDB's LastEvaluatedKey, so a filtered page never skips items it read but did not return.
 */
export async function queryPage<T>(
  client: DynamoDBDocumentClient,
  params: QueryCommandInput,
  options: QueryPageOptions<T>,
): Promise<Page<T>> {
  const keyAttributes = [
    tableLayout.partitionKey,
    tableLayout.sortKey,
    ...indexKeys(params.IndexName),
  ];
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined = options.cursor
    ? decodeCursor(options.cursor)
    : undefined;
  let lastReturned: Record<string, unknown> | undefined;
  for (;;) {
    const remaining = options.limit - items.length;
    // One extra item tells us whether a next page exists without a trailing empty page.
    const requestLimit = options.filtered ? Math.max(100, remaining + 1) : remaining + 1;
    const response = await client.send(
      new QueryCommand({ ...params, ExclusiveStartKey: startKey, Limit: requestLimit }),
    );
    for (const raw of response.Items ?? []) {
      const view = options.toView(raw);
      if (view === null) continue;
      if (items.length === options.limit) {
        return {
          items,
          cursor: lastReturned ? encodeCursor(keyOf(lastReturned, keyAttributes)) : null,
        };
      }
      items.push(view);
      lastReturned = raw;
    }
    if (!response.LastEvaluatedKey) return { items, cursor: null };
    startKey = response.LastEvaluatedKey;
  }
}

function indexKeys(indexName: string | undefined): string[] {
  const index = tableLayout.globalSecondaryIndexes.find(
    (candidate) => candidate.name === indexName,
  );
  return index ? [index.partitionKey, index.sortKey] : [];
}
