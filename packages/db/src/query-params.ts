import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * What ElectroDB's `.params()` builds for a query: a QueryCommand's input whose key condition,
 * attribute names and values are always filled in.
 */
export type QueryParams = Omit<
  QueryCommandInput,
  'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
> & {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
};

/**
 * Types the result of an ElectroDB query's `.params()`, which ElectroDB declares as `any`, so a
 * repository that copies its index and key names into its own QueryCommand reads them checked.
 */
export function queryParams(built: unknown): QueryParams {
  const params = built as Partial<QueryParams> | null;
  if (
    typeof params?.TableName !== 'string' ||
    typeof params.KeyConditionExpression !== 'string' ||
    typeof params.ExpressionAttributeNames !== 'object' ||
    typeof params.ExpressionAttributeValues !== 'object'
  ) {
    throw new Error('ElectroDB built query params without a table, key condition, names or values');
  }
  return params as QueryParams;
}

/**
 * The partition key's attribute name and value (ElectroDB's `#pk` and `:pk`), for a Query that
 * keeps ElectroDB's partition but writes its own sort-key condition.
 */
export function partitionKeyOf(params: QueryParams): { name: string; value: unknown } {
  const name = params.ExpressionAttributeNames['#pk'];
  if (name === undefined || !(':pk' in params.ExpressionAttributeValues)) {
    throw new Error('ElectroDB built query params without a partition key (#pk, :pk)');
  }
  return { name, value: params.ExpressionAttributeValues[':pk'] };
}
