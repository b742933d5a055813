import type { SessionRecord, SessionsRepository } from '@mlspace/db';

/**
 * Every cookie-authenticated request reads its session record; like the user cache, a short
 * in-process cache keeps bursts of requests to one read. Ending a session through this process
 * takes effect at once; one ended by another process (another Lambda instance) within `ttlMs`.
 */
export function withSessionCache(
  sessions: SessionsRepository,
  ttlMs: number,
  now: () => number = Date.now,
): SessionsRepository {
  const entries = new Map<string, { session: SessionRecord | null; expiresAt: number }>();

  return {
    ...sessions,
    async get(id) {
      const cached = entries.get(id);
      if (cached && cached.expiresAt > now()) return cached.session;
      const session = await sessions.get(id);
      if (entries.size > 10_000) entries.clear();
      entries.set(id, { session, expiresAt: now() + ttlMs });
      return session;
    },
    async remove(id) {
      entries.delete(id);
      await sessions.remove(id);
      entries.delete(id);
    },
    async removeAllForUser(username) {
      const forget = () => {
        for (const [id, entry] of entries) {
          if (entry.session?.username === username) entries.delete(id);
        }
      };
      forget();
      try {
        return await sessions.removeAllForUser(username);
      } finally {
        forget();
      }
    },
  };
}
