import { expect, test, vi } from 'vitest';

import type { SessionRecord, SessionsRepository } from '@mlspace/db';

import { withSessionCache } from './cached-sessions';

const session: SessionRecord = {
  id: 's1',
  username: 'alice',
  epoch: '2026-01-01T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: 2_000_000_000,
};

function fakeSessions(): SessionsRepository {
  let stored: SessionRecord | null = session;
  return {
    get: vi.fn(async () => stored),
    remove: vi.fn(async () => {
      stored = null;
    }),
    removeAllForUser: vi.fn(async () => {
      stored = null;
      return 1;
    }),
  } as unknown as SessionsRepository;
}

test('a session read twice within the time-to-live is loaded once', async () => {
  const sessions = fakeSessions();
  const cached = withSessionCache(sessions, 2000, () => 0);

  await cached.get('s1');
  await cached.get('s1');

  expect(sessions.get).toHaveBeenCalledTimes(1);
});

test('a session signed out through this process is refused on the very next read, not after the cache window', async () => {
  const cached = withSessionCache(fakeSessions(), 2000, () => 0);
  await cached.get('s1');

  await cached.remove('s1');

  expect(await cached.get('s1')).toBeNull();
});

test("ending all of a user's sessions through this process forgets their cached sessions at once", async () => {
  const cached = withSessionCache(fakeSessions(), 2000, () => 0);
  await cached.get('s1');

  await cached.removeAllForUser('alice');

  expect(await cached.get('s1')).toBeNull();
});

test('a session ended by another process is seen once the time-to-live has passed', async () => {
  const sessions = fakeSessions();
  let clock = 0;
  const cached = withSessionCache(sessions, 2000, () => clock);
  await cached.get('s1');

  await sessions.remove('s1');
  const withinWindow = await cached.get('s1');
  clock = 2001;

  expect(withinWindow).toEqual(session);
  expect(await cached.get('s1')).toBeNull();
});
