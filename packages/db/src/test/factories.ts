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
