/**
 * The epoch read is shared between requests ("The epoch read, shared", ADR 011), and sharing must
 * never hand a caller a read that left before it asked: that read may predate a write the caller
 * saw complete (a member removed, then the page reloaded).
 */
import { expect, test } from 'vitest';

import { readEpochs } from './epochs';
import { createModel, type Context } from './model';
import { createDb } from './service';
import { createTestTable } from './testing';
import { aProject, aUser } from './test/factories';

/** A context whose epoch reads are counted, and whose next answer can be held back. */
async function aCountedContext() {
  const { client, tableName } = await createTestTable();
  let epochReads = 0;
  let holding: Promise<void> | undefined;
  let failing = false;
  client.middlewareStack.add(
    (next, { commandName }) =>
      async (args) => {
        if (commandName !== 'GetItemCommand') return next(args);
        epochReads += 1;
        if (failing) {
          failing = false;
          throw new Error('DynamoDB is away');
        }
        const gate = holding;
        holding = undefined;
        const answer = await next(args);
        if (gate) await gate;
        return answer;
      },
    { step: 'initialize', name: 'countEpochReads' },
  );
  const context: Context = {
    model: createModel(client, tableName),
    client,
    table: tableName,
    now: () => new Date().toISOString(),
  };
  return {
    context,
    writer: createDb({ client, tableName }),
    epochReads: () => epochReads,
    failNextRead() {
      failing = true;
    },
    /** The next read is answered by the table at once but handed over only on `release`. */
    holdNextAnswer() {
      let release = () => {};
      holding = new Promise<void>((resolve) => (release = resolve));
      return () => release();
    },
  };
}

test('many requests asking at once share at most two reads of the epoch', async () => {
  const { context, epochReads } = await aCountedContext();
  const before = epochReads();

  const answers = await Promise.all(Array.from({ length: 20 }, () => readEpochs(context)));

  expect(epochReads() - before).toBeLessThanOrEqual(2);
  expect(new Set(answers.map((answer) => answer.reach)).size).toBe(1);
});

test('a request never takes a read that left before it asked (defect it guards against: a removal not seen on the next page)', async () => {
  const { context, writer, holdNextAnswer } = await aCountedContext();
  const owner = await aUser(writer);
  const bob = await aUser(writer);
  const project = await aProject(writer, owner.username);
  const release = holdNextAnswer();
  const early = readEpochs(context);
  // The early read has been answered by the table: it holds the epoch before the write.
  await new Promise((resolve) => setTimeout(resolve, 200));

  await writer.membership.addUsers(project.name, [bob.username], 'member', owner.username);
  const late = readEpochs(context);
  release();

  const [earlyEpochs, lateEpochs] = await Promise.all([early, late]);
  expect(lateEpochs.reach).toBeGreaterThan(earlyEpochs.reach);
});

test('a failed read fails those who shared it, and the next request reads again', async () => {
  const { context, epochReads, failNextRead } = await aCountedContext();
  failNextRead();

  const failed = await Promise.allSettled([readEpochs(context), readEpochs(context)]);
  const before = epochReads();
  const next = await readEpochs(context);

  expect(failed.map((outcome) => outcome.status)).toContain('rejected');
  expect(epochReads() - before).toBe(1);
  expect(next.reach).toEqual(expect.any(Number));
});

test('a read stalled on the database holds back the requests behind it only a moment (defect it guards against: each waited out the stalled read’s whole timeout)', async () => {
  const { context, holdNextAnswer } = await aCountedContext();
  const release = holdNextAnswer();
  const stalled = readEpochs(context);

  const asked = performance.now();
  await readEpochs(context);
  const waited = performance.now() - asked;
  release();
  await stalled;

  expect(waited).toBeLessThan(1_000);
});
