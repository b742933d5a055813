import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { tableLayout } from '@mlspace/db/table';
import { Construct } from 'constructs';
import type { Naming } from '../naming';

export interface DatabaseProps {
  naming: Naming;
  kmsKeyArn: string;
}

/** The single table, built from packages/db's layout so the model and the table cannot drift. */
export class Database extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, { naming, kmsKeyArn }: DatabaseProps) {
    super(scope, id);
    const keyNames = new Set<string>([tableLayout.partitionKey, tableLayout.sortKey]);
    for (const gsi of tableLayout.globalSecondaryIndexes) {
      keyNames.add(gsi.partitionKey);
      keyNames.add(gsi.sortKey);
    }

    this.table = new DynamodbTable(this, 'table', {
      name: naming.base,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: tableLayout.partitionKey,
      rangeKey: tableLayout.sortKey,
      attribute: [...keyNames].map((name) => ({ name, type: 'S' })),
      globalSecondaryIndex: tableLayout.globalSecondaryIndexes.map((gsi) => ({
        name: gsi.name,
        hashKey: gsi.partitionKey,
        rangeKey: gsi.sortKey,
        projectionType: 'ALL',
      })),
      ttl: { attributeName: tableLayout.timeToLiveAttribute, enabled: true },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn },
      deletionProtectionEnabled: true,
    });
  }

  get name(): string {
    return this.table.name;
  }

  get arn(): string {
    return this.table.arn;
  }
}
