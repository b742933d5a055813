import { randomUUID } from 'node:crypto';

import { createTestTable } from '../testing';

import { createDb, type Db } from '../service';
import type { RecordLoginInput } from '../repositories/users';

export async function createTestDb(): Promise<Db> {
  const { client, tableName } = await createTestTable();
  return createDb({ client, tableName });
}

let sequence = 0;

/** A unique, valid username such as `user7a3f`. */
export function aUsername(prefix = 'user'): string {
  sequence += 1;
  return `${prefix}${sequence}${randomUUID().slice(0, 4)}`;
}

export function aLogin(overrides: Partial<RecordLoginInput> = {}): RecordLoginInput {
  const username = overrides.username ?? aUsername();
  return {
    username,
    email: `${username}@example.com`,
    displayName: `User ${username}`,
    suspendedIfNew: false,
    adminIfNew: false,
    ...overrides,
  };
}

export async function aUser(db: Db, overrides: Partial<RecordLoginInput> = {}) {
  return db.users.recordLogin(aLogin(overrides));
}

let projectSequence = 0;

/** A valid, unique project or group name (letters and digits only). */
export function aName(prefix = 'p'): string {
  projectSequence += 1;
  return `${prefix}${projectSequence}${randomUUID().replace(/-/g, '').slice(0, 6)}`;
}

export async function aProject(
  db: Db,
  createdBy: string,
  overrides: { name?: string; description?: string } = {},
) {
  return db.projects.create({
    name: overrides.name ?? aName('proj'),
    description: overrides.description ?? 'A project',
    createdBy,
  });
}

export async function aGroup(
  db: Db,
  createdBy = 'root',
  overrides: { name?: string; description?: string } = {},
) {
  return db.groups.create({
    name: overrides.name ?? aName('grp'),
    description: overrides.description ?? 'A group',
    createdBy,
  });
}
