import { expect, test } from 'vitest';

import type { Budget } from '@mlspace/core';

import { aName, aUser, createTestDb } from '../test/factories';

const budget: Budget = {
  amountUsd: 400,
  instanceHours: null,
  thresholds: [50, 80, 100],
  hardStop: true,
};

async function aProject() {
  const db = await createTestDb();
  const owner = await aUser(db);
  const name = aName('proj');
  await db.projects.create({ name, description: 'budgeted', createdBy: owner.username });
  return { db, name, owner: owner.username };
}

test('a budget is kept on its project, audited, and listed for the sweep until it is removed', async () => {
  const { db, name, owner } = await aProject();
  expect(await db.budgets.get(name)).toBeNull();
  await db.budgets.set(name, budget, owner);
  expect(await db.budgets.get(name)).toEqual(budget);
  expect(await db.budgets.listBudgeted()).toContain(name.toLowerCase());
  const events = await db.audit.list({ targetType: 'project', targetId: name, limit: 10 });
  expect(events.items.map((event) => event.action)).toContain('project.budget_changed');

  await db.budgets.set(name, null, owner);
  expect(await db.budgets.get(name)).toBeNull();
  expect(await db.budgets.listBudgeted()).not.toContain(name.toLowerCase());
});

test('a threshold warning is written to the audit trail once per month however often it is seen', async () => {
  const { db, name } = await aProject();
  const warning = {
    project: name,
    month: '2026-12',
    threshold: 80,
    message: 'The project has used 80% or more of its budget for December: $330.00 of $400.',
    details: { usedUsd: 330 },
  };
  const results = await Promise.all([
    db.budgets.recordWarning(warning, 'mlspace-scheduler'),
    db.budgets.recordWarning(warning, 'mlspace-scheduler'),
  ]);
  expect(results.sort()).toEqual([false, true]);
  expect(await db.budgets.recordWarning(warning, 'mlspace-scheduler')).toBe(false);
  expect(await db.budgets.recordWarning({ ...warning, month: '2027-01' }, 'x')).toBe(true);
  const events = await db.audit.list({ targetType: 'project', targetId: name, limit: 10 });
  expect(
    events.items.filter((event) => event.action === 'project.budget_threshold_reached'),
  ).toHaveLength(2);
});
