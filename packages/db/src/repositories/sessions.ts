import { randomBytes } from 'node:crypto';

import type { SessionItem } from '../entities/session';
import type { Context } from '../model';

export interface SessionRecord {
  id: string;
  username: string;
  /** The user's `sessionEpoch` when the session began; a different epoch now means it has ended. */
  epoch: string;
  createdAt: string;
  /** Epoch seconds; DynamoDB's TTL removes the item some time after. */
  expiresAt: number;
}

export interface CreateSessionInput {
  username: string;
  epoch: string;
  ttlSeconds: number;
}

function toRecord(item: SessionItem): SessionRecord {
  return {
    id: item.id,
    username: item.username,
    epoch: item.epoch,
    createdAt: item.createdAt,
    expiresAt: item.expiresAt,
  };
}

/** Every session item of a user, newest first (one Query on the user's session key, all pages). */
async function sessionsOf(context: Context, username: string): Promise<SessionItem[]> {
  const { data } = await context.model.entities.session.query
    .byUser({ username })
    .go({ pages: 'all', order: 'desc' });
  return data;
}

/**
 * Deletes every session item of a user. Callers that must end the sessions at once move the
 * user's `sessionEpoch` first (one write); this removes what that write already made useless.
 */
export async function deleteSessionsOf(context: Context, username: string): Promise<number> {
  const items = await sessionsOf(context, username);
  if (items.length === 0) return 0;
  const { unprocessed } = await context.model.entities.session
    .delete(items.map((item) => ({ id: item.id })))
    .go();
  if (unprocessed.length > 0) {
    await context.model.entities.session.delete(unprocessed).go();
  }
  return items.length;
}

export function createSessionsRepository(context: Context) {
  const { session } = context.model.entities;
  const nowSeconds = () => Math.floor(Date.parse(context.now()) / 1000);

  return {
    async create(input: CreateSessionInput): Promise<SessionRecord> {
      const createdAt = context.now();
      const item = {
        // Hex, because ElectroDB lowercases key values and the id must stay unguessable.
        id: randomBytes(24).toString('hex'),
        username: input.username,
        epoch: input.epoch,
        createdAt,
        expiresAt: Math.floor(Date.parse(createdAt) / 1000) + input.ttlSeconds,
      };
      await session.create(item).go();
      return item;
    },

    /** The session, or null when it never existed, was ended, or has expired (TTL deletes lazily). */
    async get(id: string): Promise<SessionRecord | null> {
      const { data } = await session.get({ id }).go();
      if (!data || data.expiresAt <= nowSeconds()) return null;
      return toRecord(data);
    },

    /** The user's sessions that have not expired, newest first. */
    async listForUser(username: string): Promise<SessionRecord[]> {
      const now = nowSeconds();
      return (await sessionsOf(context, username))
        .filter((item) => item.expiresAt > now)
        .map(toRecord);
    },

    async remove(id: string): Promise<void> {
      await session.delete({ id }).go();
    },

    removeAllForUser: (username: string) => deleteSessionsOf(context, username),
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
