import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  expectNoBrowserErrors,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support/browser';
import { startStack, type RunningStack } from './support/stack';
import { callApi } from './support/trpc-call';

let stack: RunningStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const stamp = Date.now().toString(36);
const deactivatedText = 'The Training service is deactivated by an administrator';
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 15_000 };

/** Every width and theme a person may use: the page is reloaded so the theme applies at load. */
async function screenshotEverywhere(page: Page, name: string, ready: () => Promise<unknown>) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1440, 1024, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await ready();
      await screenshot(page, `${name}-${width}-${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function axeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

test('an administrator deactivates training: a member loses its tab and create buttons, its pages say so, and an existing job stays readable', async () => {
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  const project = `deact${stamp}`;
  const job = `kept-${stamp}`;
  await callApi(alice.page, 'projects.create', { name: project, description: 'Deactivation' });
  const dataset = await callApi<{ location: string }>(alice.page, 'datasets.create', {
    scope: 'project',
    project,
    name: `input${stamp}`,
    type: 'tabular',
  });
  await callApi(alice.page, 'training.create', {
    project,
    name: job,
    algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
    hyperParameters: { epochs: '2' },
    inputs: [{ name: 'train', s3Uri: dataset.location }],
    outputS3Uri: dataset.location,
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 600,
  });
  await alice.page.goto(`/projects/${project}`);
  const sections = alice.page.getByRole('navigation', { name: 'Project sections' });
  await expect
    .poll(() => sections.getByRole('link', { name: 'Training' }).count(), eventually)
    .toBe(1);

  const admin = await newPage(browser, stack.url);
  await signIn(admin.page, 'admin');
  await admin.page.goto('/admin/config');
  await admin.page.getByTestId('toggle-training').click();
  await admin.page.getByTestId('config-review').click();
  await admin.page.getByTestId('config-reason').fill('Training is paused');
  await admin.page.getByTestId('config-save').click();
  await expect
    .poll(() => admin.page.getByRole('status').textContent(), eventually)
    .toBe('Saved as version 1.');

  // The project's tab bar: no Training tab, the other services stay.
  await alice.page.goto(`/projects/${project}`);
  await expect
    .poll(() => sections.getByRole('link', { name: 'Tuning' }).count(), eventually)
    .toBe(1);
  expect(await sections.getByRole('link', { name: 'Training' }).count()).toBe(0);
  // Nor is it among the sections behind "More".
  await sections.getByRole('button', { name: 'More sections' }).click();
  expect(await sections.getByRole('link', { name: 'Members' }).count()).toBe(1);
  expect(await sections.getByRole('link', { name: 'Training' }).count()).toBe(0);

  // The create page, reached by URL: the reason instead of an empty form.
  await alice.page.goto(`/projects/${project}/training/new`);
  await expect
    .poll(() => alice.page.getByRole('status').first().textContent(), eventually)
    .toContain(deactivatedText);
  expect(await alice.page.getByRole('button', { name: 'Create training job' }).count()).toBe(0);
  expect(await alice.page.getByLabel('Name', { exact: true }).count()).toBe(0);
  expect(await axeViolations(alice.page, 'main')).toEqual([]);
  await screenshotEverywhere(alice.page, 'deactivated-training-new', () =>
    alice.page.reload().then(() => alice.page.getByText(deactivatedText).waitFor()),
  );

  // The list: the reason, no create button, and the existing job.
  await alice.page.goto(`/projects/${project}/training`);
  await expect.poll(() => alice.page.getByRole('table').textContent(), eventually).toContain(job);
  expect(await alice.page.getByText(deactivatedText).count()).toBe(1);
  expect(await alice.page.getByRole('link', { name: 'Create training job' }).count()).toBe(0);

  // The existing job stays readable.
  await alice.page.getByRole('link', { name: job }).click();
  await alice.page.waitForURL((url) => url.pathname === `/projects/${project}/training/${job}`);
  await expect
    .poll(() => alice.page.locator('main').textContent(), eventually)
    .toContain('Created by');
  await expect
    .poll(() => alice.page.getByRole('heading', { name: job }).count(), eventually)
    .toBe(1);
  expect(await alice.page.getByText(deactivatedText).count()).toBe(1);
  expect(await alice.page.getByRole('button', { name: 'Stop' }).count()).toBe(0);

  // My jobs: no training section while the service is off.
  await alice.page.goto('/jobs');
  await expect
    .poll(() => alice.page.getByRole('heading', { name: 'Tuning jobs' }).count(), eventually)
    .toBe(1);
  expect(await alice.page.getByRole('heading', { name: 'Training jobs' }).count()).toBe(0);

  expectNoBrowserErrors(alice.errors);
  expectNoBrowserErrors(admin.errors);
  await Promise.all([alice.context.close(), admin.context.close()]);
});

test('deleting a dataset asks in the page: Escape and Cancel keep it, confirming deletes it, and the browser never opens a dialog of its own', async () => {
  const { page, context, errors } = await newPage(browser, stack.url);
  const nativeDialogs: string[] = [];
  page.on('dialog', (dialog) => {
    nativeDialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await signIn(page, 'alice');
  const name = `doomed${stamp}`;
  await callApi(page, 'datasets.create', { scope: 'private', name, type: 'text' });
  const detailPath = `/datasets/private/alice/${name}`;
  await page.goto(detailPath);
  const trigger = page.getByRole('button', { name: 'Delete dataset', exact: true });
  const dialog = page.getByRole('dialog', { name: `Delete dataset ${name}?` });

  // Escape closes it, nothing is deleted, and focus is back on the button that opened it.
  await trigger.click();
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain('every file in it are deleted');
  expect(await dialog.getAttribute('aria-describedby')).toBeTruthy();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
  expect(await axeViolations(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete dataset');

  // Cancel keeps it.
  await trigger.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.reload();
  await expect
    .poll(() => page.getByRole('heading', { name, exact: true }).count(), eventually)
    .toBe(1);

  await screenshotEverywhere(page, 'confirm-dialog', async () => {
    await page.reload();
    await trigger.click();
    await dialog.waitFor();
  });
  await page.reload();

  // Confirming deletes it.
  await trigger.click();
  await dialog.getByRole('button', { name: `Delete dataset ${name}` }).click();
  await page.waitForURL((url) => url.pathname === '/datasets');
  await page.getByLabel('Name contains').fill(name);
  await expect
    .poll(() => page.getByText('Nothing matches these filters.').count(), eventually)
    .toBe(1);

  expect(nativeDialogs).toEqual([]);
  expectNoBrowserErrors(errors);
  await context.close();
});
