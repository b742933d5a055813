import { existsSync, readFileSync } from 'node:fs';

import type { Adapter, AdapterPayload } from 'oidc-provider';

import { writeJsonAtomically } from './keys';

interface StoredRecord {
  payload: AdapterPayload;
  /** Epoch milliseconds; absent for records that never expire. */
  expiresAt?: number;
}

/**
 * A JSON-file storage adapter for oidc-provider: its sessions, grants and codes survive restarts, which
 * the built-in in-memory adapter does not. One small file is plenty for a single developer's machine.
 */
export function createFileAdapterFactory(file: string): (model: string) => Adapter {
  const records = load(file);
  const save = () => writeJsonAtomically(file, Object.fromEntries(records));

  function live(key: string): StoredRecord | undefined {
    const record = records.get(key);
    if (record?.expiresAt !== undefined && record.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return record;
  }

  function findWhere(
    model: string,
    matches: (payload: AdapterPayload) => boolean,
  ): AdapterPayload | undefined {
    for (const key of records.keys()) {
      if (!key.startsWith(`${model}:`)) continue;
      const payload = live(key)?.payload;
      if (payload && matches(payload)) return payload;
    }
    return undefined;
  }

  return (model) => ({
    async upsert(id, payload, expiresIn) {
      const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined;
      records.set(`${model}:${id}`, { payload, expiresAt });
      save();
    },
    async find(id) {
      return live(`${model}:${id}`)?.payload;
    },
    async findByUid(uid) {
      return findWhere(model, (payload) => payload.uid === uid);
    },
    async findByUserCode(userCode) {
      return findWhere(model, (payload) => payload.userCode === userCode);
    },
    async consume(id) {
      const record = live(`${model}:${id}`);
      if (!record) return;
      record.payload.consumed = Math.floor(Date.now() / 1000);
      save();
    },
    async destroy(id) {
      if (records.delete(`${model}:${id}`)) save();
    },
    async revokeByGrantId(grantId) {
      // A grant's tokens live under several models, so revocation sweeps them all.
      for (const [key, record] of records) {
        if (record.payload.grantId === grantId) records.delete(key);
      }
      save();
    },
  });
}

function load(file: string): Map<string, StoredRecord> {
  if (!existsSync(file)) return new Map();
  const now = Date.now();
  const entries = Object.entries(
    JSON.parse(readFileSync(file, 'utf8')) as Record<string, StoredRecord>,
  );
  return new Map(
    entries.filter(([, record]) => record.expiresAt === undefined || record.expiresAt > now),
  );
}
