import { expect, test } from 'vitest';

import { aUser, createTestDb } from '../test/factories';

const eightHours = 8 * 3600;

test('a session is read back by its id and is gone once removed (sign-out ends it on the server)', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const session = await db.sessions.create({
    username: alice.username,
    epoch: alice.sessionEpoch,
    ttlSeconds: eightHours,
  });

  const before = await db.sessions.get(session.id);
  await db.sessions.remove(session.id);

  expect(before).toEqual(session);
  expect(session.id).toMatch(/^[0-9a-f]{48}$/);
  expect(await db.sessions.get(session.id)).toBeNull();
});

test('an expired session is not returned although TTL has not deleted its item yet', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const session = await db.sessions.create({
    username: alice.username,
    epoch: alice.sessionEpoch,
    ttlSeconds: 0,
  });

  expect(await db.sessions.get(session.id)).toBeNull();
});

test("suspending a user moves their session epoch on and deletes every one of their sessions, not another user's", async () => {
  const db = await createTestDb();
  const bob = await aUser(db);
  const carol = await aUser(db);
  const start = (user: typeof bob) =>
    db.sessions.create({ username: user.username, epoch: user.sessionEpoch, ttlSeconds: 60 });
  const [laptop, phone, carols] = await Promise.all([start(bob), start(bob), start(carol)]);

  const suspended = await db.users.setSuspended(bob.username, true, 'root');

  expect(suspended.sessionEpoch > bob.sessionEpoch).toBe(true);
  expect((await db.users.get(bob.username))?.sessionEpoch).toBe(suspended.sessionEpoch);
  expect(await db.sessions.get(laptop.id)).toBeNull();
  expect(await db.sessions.get(phone.id)).toBeNull();
  expect(await db.sessions.listForUser(bob.username)).toEqual([]);
  expect(await db.sessions.get(carols.id)).toEqual(carols);
});

test('signing a user out everywhere is audited and reinstating a user keeps the ended epoch', async () => {
  const db = await createTestDb();
  const dave = await aUser(db);
  await db.sessions.create({ username: dave.username, epoch: dave.sessionEpoch, ttlSeconds: 60 });

  const signedOut = await db.users.signOutEverywhere(dave.username, 'root');
  await db.users.setSuspended(dave.username, true, 'root');
  const suspendedEpoch = (await db.users.get(dave.username))?.sessionEpoch;
  const reinstated = await db.users.setSuspended(dave.username, false, 'root');
  const audit = await db.audit.list({ targetType: 'user', targetId: dave.username, limit: 10 });

  expect(signedOut.sessionEpoch > dave.sessionEpoch).toBe(true);
  expect(await db.sessions.listForUser(dave.username)).toEqual([]);
  expect(reinstated.sessionEpoch).toBe(suspendedEpoch);
  expect(audit.items.map((event) => event.action)).toContain('user.signed_out_everywhere');
});

test('a new account with a deleted user’s name starts a new session epoch, so old sessions stay ended', async () => {
  const db = await createTestDb();
  const erin = await aUser(db);
  await db.sessions.create({ username: erin.username, epoch: erin.sessionEpoch, ttlSeconds: 60 });

  await db.users.delete(erin.username, 'root');
  const sessionsAfterDelete = await db.sessions.listForUser(erin.username);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const again = await aUser(db, { username: erin.username });

  expect(sessionsAfterDelete).toEqual([]);
  expect(again.sessionEpoch).not.toBe(erin.sessionEpoch);
});
