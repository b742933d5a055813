import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';

import {
  expectNoBrowserErrors,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support/browser';
import { startStack, type RunningStack } from './support/stack';

let stack: RunningStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('alice sets a daily notebook stop time and sees it on the notebook create form', async () => {
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  const project = `costs${Date.now().toString(36)}`;
  await alice.page.goto('/projects/new');
  await alice.page.getByLabel('Name').fill(project);
  await alice.page.getByRole('button', { name: 'Create project' }).click();
  await alice.page.waitForURL((url) => url.pathname === `/projects/${project}`);

  await alice.page.goto(`/projects/${project}/settings`);
  await alice.page.getByLabel('Stop running notebooks every day').check();
  await alice.page.locator('#stop-time').fill('18:30');
  await alice.page.locator('#stop-zone').fill('Europe/Berlin');
  await alice.page
    .getByLabel("Creators of notebooks may change their notebook's stop time")
    .check();
  await alice.page.getByLabel('Delete endpoints after').fill('8');
  await alice.page.getByRole('button', { name: 'Save cost controls' }).click();
  await expect
    .poll(() => alice.page.getByRole('status').textContent())
    .toContain('Cost controls saved');
  await screenshot(alice.page, 'cost-controls-settings');

  await alice.page.goto(`/projects/${project}/notebooks/new`);
  await expect
    .poll(() => alice.page.getByTestId('stop-time-policy').textContent())
    .toContain(`every day at 18:30 (Europe/Berlin), set by project ${project}`);
  await expect.poll(() => alice.page.getByLabel('Stop my notebook every day at').count()).toBe(1);
  await screenshot(alice.page, 'cost-controls-notebook-form');

  await alice.page.goto(`/projects/${project}/endpoints/new`);
  await expect
    .poll(() => alice.page.getByTestId('endpoint-termination').textContent())
    .toContain(`deleted 8 hours after it is created, set by project ${project}`);
  await expect
    .poll(() => alice.page.getByLabel('Your own lifetime in hours (optional)').count())
    .toBe(1);
  await screenshot(alice.page, 'cost-controls-endpoint-form');
  expectNoBrowserErrors(alice.errors);
  await alice.context.close();
});

test('an admin generates a report, sees it listed and downloads it', async () => {
  const admin = await newPage(browser, stack.url);
  await signIn(admin.page, 'admin');
  await admin.page.getByText('Admin ▾').click();
  await admin.page.getByRole('link', { name: 'Reports' }).click();
  await admin.page.waitForURL((url) => url.pathname === '/admin/reports');
  await expect.poll(() => admin.page.getByText('No reports yet').count()).toBe(1);

  await admin.page.getByRole('button', { name: 'Generate report' }).click();
  await expect
    .poll(() => admin.page.getByRole('status').filter({ hasText: 'generated with' }).textContent())
    .toContain('generated with');
  const name = (await admin.page.locator('td .font-mono').first().textContent()) ?? '';
  expect(name).toMatch(/^mlspace-report-\d{8}T\d{6}Z-[0-9a-f]{4}\.csv$/);
  await screenshot(admin.page, 'admin-reports');

  const download = admin.page.waitForEvent('download');
  await admin.page.getByRole('button', { name: `Download ${name}` }).click();
  const file = await download;
  const path = await file.path();
  const { readFile } = await import('node:fs/promises');
  const csv = await readFile(path, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'Kind,Name,Project,Owner,Instance type,Instance count,Status,Created,Started,Stopped,Auto-stop or termination,Instance-hours,Estimated cost (USD)',
  );

  await admin.page.getByRole('button', { name: `Delete ${name}` }).click();
  await admin.page
    .getByRole('dialog')
    .getByRole('button', { name: `Delete report ${name}` })
    .click();
  await expect
    .poll(() => admin.page.getByText('No reports yet').count(), { timeout: 10_000 })
    .toBe(1);
  expectNoBrowserErrors(admin.errors);
  await admin.context.close();
});
