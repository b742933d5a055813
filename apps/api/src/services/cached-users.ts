import type { UserView } from '@mlspace/core';
import type { UsersRepository } from '@mlspace/db';

/**
 * Every request loads its caller; a short-lived in-process cache keeps that read off DynamoDB for
 * bursts of requests. Writes through this process clear the entry at once; a change made by
 * another process (another Lambda instance) is seen within `ttlMs`.
 */
export function withUserCache(
  users: UsersRepository,
  ttlMs: number,
  now: () => number = Date.now,
): UsersRepository {
  const entries = new Map<string, { user: UserView | null; expiresAt: number }>();
  const forgetAfter =
    <Args extends [string, ...unknown[]], Result>(write: (...args: Args) => Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      entries.delete(args[0]);
      try {
        return await write(...args);
      } finally {
        entries.delete(args[0]);
      }
    };

  return {
    ...users,
    async get(username) {
      const cached = entries.get(username);
      if (cached && cached.expiresAt > now()) return cached.user;
      const user = await users.get(username);
      if (entries.size > 10_000) entries.clear();
      entries.set(username, { user, expiresAt: now() + ttlMs });
      return user;
    },
    async recordLogin(input) {
      entries.delete(input.username);
      const user = await users.recordLogin(input);
      entries.delete(input.username);
      return user;
    },
    setSuspended: forgetAfter(users.setSuspended),
    signOutEverywhere: forgetAfter(users.signOutEverywhere),
    setAdmin: forgetAfter(users.setAdmin),
    updatePreferences: forgetAfter(users.updatePreferences),
    startDeletion: forgetAfter(users.startDeletion),
    recordDeletionAttempt: forgetAfter(users.recordDeletionAttempt),
    delete: forgetAfter(users.delete),
  };
}
