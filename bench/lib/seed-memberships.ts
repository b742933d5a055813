// Seeds "a user in many projects and groups" through the repositories (so every hint and share is
// written as the API would write it) straight into a running stack's DynamoDB Local.
import { createDb, createDocumentClient, localDynamoDbConfig, type Db } from '@mlspace/db';

export interface MembershipShape {
  /** Projects the user is a direct member (owner) of. */
  projects: number;
  /** Groups the user belongs to; each is linked to one more project the user is not in directly. */
  groups: number;
  /** Every n-th project (direct or linked) holds two datasets; every n-th group shares one. */
  datasetsEvery: number;
}

export function stackDb(dynamoDbEndpoint: string): Db {
  return createDb({
    client: createDocumentClient(localDynamoDbConfig(dynamoDbEndpoint)),
    tableName: 'mlspace',
  });
}

async function inPool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        if (item !== undefined) await run(item);
      }
    }),
  );
}

/** Returns the names of the user's direct projects (the first ones hold datasets). */
export async function seedMemberships(
  db: Db,
  username: string,
  shape: MembershipShape,
  prefix: string,
): Promise<{ projects: string[]; groups: string[] }> {
  const owner = `${prefix}owner`;
  await db.users.recordLogin({
    username: owner,
    email: `${owner}@example.com`,
    displayName: owner,
    suspendedIfNew: false,
    adminIfNew: false,
  });
  const datasetsIn = async (project: string) => {
    for (const suffix of ['a', 'b'])
      await db.datasets.create({
        scope: 'project',
        scopeId: project,
        name: `${project}${suffix}`,
        description: '',
        type: 'tabular',
        groups: [],
        createdBy: owner,
      });
  };
  const projects = Array.from({ length: shape.projects }, (_, index) => `${prefix}p${index}`);
  await inPool(
    projects.map((name, index) => ({ name, index })),
    8,
    async ({ name, index }) => {
      await db.projects.create({ name, description: '', createdBy: username });
      if (index % shape.datasetsEvery === 0) await datasetsIn(name);
    },
  );
  const groups = Array.from({ length: shape.groups }, (_, index) => `${prefix}g${index}`);
  await inPool(
    groups.map((name, index) => ({ name, index })),
    8,
    async ({ name, index }) => {
      await db.groups.create({ name, description: '', createdBy: owner });
      await db.groups.addMembers(name, [username, owner], owner);
      const linked = `${prefix}l${index}`;
      await db.projects.create({ name: linked, description: '', createdBy: owner });
      await db.membership.linkGroup(linked, name, 'member', owner);
      if (index % shape.datasetsEvery === 0) {
        await datasetsIn(linked);
        await db.datasets.create({
          scope: 'group',
          scopeId: 'group',
          name: `${name}shared`,
          description: '',
          type: 'tabular',
          groups: [name],
          createdBy: owner,
        });
      }
    },
  );
  return { projects, groups };
}
