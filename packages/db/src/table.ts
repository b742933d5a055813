/**
 * The single table's key layout as plain data. ElectroDB entities use these names and
 * infra-tf builds the DynamoDB table from this object, so model and table cannot drift.
 */
export const tableLayout = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const;

export type TableLayout = typeof tableLayout;
