import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 30_000 };

interface UsageReport {
  running: { name: string }[];
  lines: { day: string; kind: string; owner: string; instanceHours: number }[];
}

const usageOf = (page: Page, project: string) =>
  callApi<UsageReport>(page, 'usage.project', { project }, 'query');

/** Each width people use, light and dark (the theme switched in place), for looking at the page. */
async function screenshotsOf(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((dark) => {
      document.documentElement.classList.toggle('dark', dark);
    }, theme === 'dark');
    for (const width of [1440, 1024, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `${name}-${width}-${theme}`);
    }
  }
  await page.evaluate(() => document.documentElement.classList.remove('dark'));
  await page.setViewportSize({ width: 1440, height: 900 });
}

e2e(
  'a notebook’s run shows as today’s use in the project’s usage chart, a budget warns its owner, and the CSV downloads',
  { timeout: 300_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const page = alice.page;
    const project = `usage${stamp}`;
    await callApi(page, 'projects.create', { name: project, description: 'Usage scenario' });
    const notebook = `meter-${stamp}`;
    await callApi(page, 'notebooks.create', {
      project,
      name: notebook,
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    });
    // Counted live while it runs, then stored when it stops.
    await expect
      .poll(async () => (await usageOf(page, project)).running.map((run) => run.name), eventually)
      .toEqual([notebook]);
    await page.waitForTimeout(3_000);
    await callApi(page, 'notebooks.stop', { name: notebook });
    await expect
      .poll(async () => (await usageOf(page, project)).running.length, { timeout: 120_000 })
      .toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const { lines } = await usageOf(page, project);
    expect(lines).toMatchObject([{ day: today, kind: 'notebook', owner: 'alice' }]);
    expect(lines[0]!.instanceHours).toBeGreaterThan(0);

    await page.goto(`/projects/${project}/usage`);
    const todaysBar = page.locator(`[data-testid="usage-chart"] [data-day="${today}"]`);
    await expect.poll(() => todaysBar.locator('rect').count(), eventually).toBe(1);
    expect(Number(await todaysBar.getAttribute('data-total'))).toBeGreaterThan(0);
    expect(await page.getByText('Nothing that is billed by the hour is running.').count()).toBe(1);
    expect(await page.getByText('Notebooks:', { exact: false }).count()).toBeGreaterThan(0);

    // The chart by user, in dollars: the same day, alice's.
    await page.getByRole('button', { name: 'By user' }).click();
    await page.waitForURL((url) => url.searchParams.get('by') === 'user');
    await page.getByRole('button', { name: 'Cost' }).click();
    await page.waitForURL((url) => url.searchParams.get('show') === 'cost');
    await expect
      .poll(
        () => page.getByRole('img', { name: /Daily estimated cost .* by user/ }).count(),
        eventually,
      )
      .toBe(1);

    // A budget this run has already used up warns the owner above every project page.
    await page.getByLabel('Instance-hours').fill('0.0001');
    await page.getByRole('button', { name: 'Save budget' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Budget saved.' }).count(), eventually)
      .toBe(1);
    await page.goto(`/projects/${project}`);
    await expect
      .poll(() => page.getByText(/100% of this month’s budget is used/).count(), eventually)
      .toBe(1);
    await page.goto(`/projects/${project}/usage`);
    await expect
      .poll(() => page.getByRole('progressbar', { name: 'Budget used' }).count(), eventually)
      .toBe(1);
    await screenshotsOf(page, 'project-usage');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`mlspace-usage-${project}-${today.slice(0, 7)}.csv`);
    const csv = await readFile((await file.path())!, 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toBe('Day,Project,Kind,User,Instance type,Instance-hours,Estimated cost (USD)');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(
      new RegExp(
        `^${today},${project},notebook,alice,ml\\.t3\\.medium,\\d+\\.\\d{3},\\d+\\.\\d{2}$`,
      ),
    );

    // An administrator sees the project among all projects' use.
    const admin = await sessions.signedIn('admin');
    await admin.page.goto('/admin/usage?by=project');
    await expect
      .poll(() => admin.page.getByText(`${project}:`, { exact: false }).count(), eventually)
      .toBeGreaterThan(0);
    await screenshotsOf(admin.page, 'admin-usage');
  },
);
