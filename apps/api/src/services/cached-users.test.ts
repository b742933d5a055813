import { expect, test, vi } from 'vitest';

import type { UserView } from '@mlspace/core';
import type { UsersRepository } from '@mlspace/db';

import { withUserCache } from './cached-users';

const alice = { username: 'alice', suspended: false } as UserView;

function fakeUsers(): UsersRepository {
  return {
    get: vi.fn(async () => alice),
    setSuspended: vi.fn(async () => ({ ...alice, suspended: true })),
  } as unknown as UsersRepository;
}

test('a user read twice within the time-to-live is loaded once', async () => {
  const users = fakeUsers();
  const cached = withUserCache(users, 2000, () => 0);

  await cached.get('alice');
  await cached.get('alice');

  expect(users.get).toHaveBeenCalledTimes(1);
});

test('a user is loaded again once the time-to-live has passed', async () => {
  const users = fakeUsers();
  let clock = 0;
  const cached = withUserCache(users, 2000, () => clock);

  await cached.get('alice');
  clock = 2001;
  await cached.get('alice');

  expect(users.get).toHaveBeenCalledTimes(2);
});

test('suspending a user through this process is seen on the next read', async () => {
  const users = fakeUsers();
  const cached = withUserCache(users, 60_000, () => 0);

  await cached.get('alice');
  await cached.setSuspended('alice', true, 'admin');
  await cached.get('alice');

  expect(users.get).toHaveBeenCalledTimes(2);
});
