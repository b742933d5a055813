import { expect, test } from 'vitest';

import { aName, createTestDb } from '../test/factories';

const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';

test('concurrent turns of one user and model add up in one row of the month, none lost', async () => {
  const db = await createTestDb();
  const project = aName('fm');
  const turn = {
    project,
    month: '2026-03',
    username: 'mia',
    source: 'bedrock' as const,
    model: haiku,
  };
  await Promise.all(
    Array.from({ length: 8 }, (_, index) =>
      db.modelUsage.record({ ...turn, inputTokens: 10 + index, outputTokens: 5 }),
    ),
  );
  expect(await db.modelUsage.forProject(project, '2026-03')).toEqual([
    { ...turn, requests: 8, inputTokens: 108, outputTokens: 40 },
  ]);
});

test("a project's month holds its own users and models only, and every project's month is one Query", async () => {
  const db = await createTestDb();
  const [vision, finance] = [aName('fm'), aName('fm')];
  const usage = (project: string, month: string, username: string, model: string) =>
    db.modelUsage.record({
      project,
      month,
      username,
      source: model === 'chat' ? 'endpoint' : 'bedrock',
      model,
      inputTokens: 3,
      outputTokens: 2,
    });
  await usage(vision, '2026-03', 'mia', haiku);
  await usage(vision, '2026-03', 'olivia', 'chat');
  await usage(vision, '2026-04', 'mia', haiku);
  await usage(finance, '2026-03', 'mia', haiku);

  const march = await db.modelUsage.forProject(vision, '2026-03');
  expect(march.map((row) => [row.username, row.source, row.model])).toEqual([
    ['mia', 'bedrock', haiku],
    ['olivia', 'endpoint', 'chat'],
  ]);
  const everyProject = (await db.modelUsage.forMonth('2026-03')).filter((row) =>
    [vision, finance].includes(row.project),
  );
  expect(everyProject.map((row) => [row.project, row.username, row.model])).toEqual(
    [
      [finance, 'mia', haiku],
      [vision, 'mia', haiku],
      [vision, 'olivia', 'chat'],
    ].sort((a, b) => a.join().localeCompare(b.join())),
  );
});
