import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';

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

async function saveWithReason(page: Page, reason: string) {
  await page.getByTestId('config-review').click();
  await page.getByTestId('config-reason').fill(reason);
  await page.getByTestId('config-save').click();
}

async function adminOnConfig() {
  const session = await newPage(browser, stack.url);
  await signIn(session.page, 'admin');
  await session.page.goto('/admin/config');
  try {
    await session.page.getByTestId('toggle-datasets').waitFor({ timeout: 10_000 });
  } catch (error) {
    await screenshot(session.page, 'config-not-loaded');
    throw new Error(
      `The configuration page did not load: ${String(error)}\nServer output:\n${stack.output().slice(-2000)}`,
    );
  }
  return session;
}

test('deactivating a service hides it and its pages say so; activating brings it back (inventory 8.4)', async () => {
  const { page, context, errors } = await adminOnConfig();
  expect(await page.getByTestId('toggle-bedrock').isDisabled()).toBe(true);
  expect(await page.getByRole('region', { name: 'Activated services' }).textContent()).toContain(
    'Deactivated: not available in local mode',
  );

  await page.getByTestId('toggle-datasets').click();
  await page.getByTestId('config-review').click();
  expect(await page.getByRole('list', { name: 'Changes' }).textContent()).toContain(
    'services.datasetstrue→false',
  );
  await page.getByTestId('config-reason').fill('Datasets are paused');
  await screenshot(page, 'config-review');
  await page.getByTestId('config-save').click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved as version 1.');
  await expect
    .poll(() =>
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Datasets' })
        .count(),
    )
    .toBe(0);

  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  expect(
    await alice.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Datasets' })
      .count(),
  ).toBe(0);
  await alice.page.goto('/datasets');
  await expect
    .poll(() => alice.page.getByRole('status').first().textContent())
    .toContain('The Datasets service is deactivated by an administrator');
  expect(await alice.page.getByRole('link', { name: 'Create dataset' }).count()).toBe(0);

  await page.goto('/admin/config');
  await page.getByTestId('toggle-datasets').click();
  await saveWithReason(page, 'Datasets are back');
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved as version 2.');
  await alice.page.goto('/datasets');
  // The header's link, and the empty list's next step when there are no datasets yet.
  await expect
    .poll(() => alice.page.getByRole('link', { name: 'Create dataset' }).count())
    .toBeGreaterThan(0);
  expect(
    await alice.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Datasets' })
      .count(),
  ).toBe(1);
  expectNoBrowserErrors(errors);
  await alice.context.close();
  await context.close();
});

test('the banner shows on every page, the sign-in page included, and a rollback removes it', async () => {
  const { page, context } = await adminOnConfig();
  await page.getByLabel('Show the banner').check();
  await page.getByLabel('Banner text', { exact: true }).fill('Scheduled maintenance Saturday');
  await saveWithReason(page, 'Announce maintenance');
  await expect
    .poll(() => page.getByRole('status').textContent())
    .toMatch(/^Saved as version \d+\.$/);

  const anonymous = await newPage(browser, stack.url);
  await anonymous.page.goto('/signin');
  expect(
    await anonymous.page.getByRole('note', { name: 'System banner (top)' }).textContent(),
  ).toBe('Scheduled maintenance Saturday');
  expect(
    await anonymous.page.getByRole('note', { name: 'System banner (bottom)' }).textContent(),
  ).toBe('Scheduled maintenance Saturday');
  await screenshot(anonymous.page, 'banner-signin');
  expectNoBrowserErrors(anonymous.errors);
  await anonymous.context.close();

  await page.getByRole('link', { name: 'History' }).click();
  await page.waitForURL('**/admin/config/history');
  const table = page.getByRole('table', { name: 'Configuration versions' });
  await expect.poll(() => table.textContent()).toContain('Announce maintenance');
  expect(await table.textContent()).toContain('Initial configuration');
  const { version } = await callApi<{ version: number }>(page, 'config.get', undefined, 'query');
  await page.getByRole('button', { name: `Compare / roll back version ${version - 1}` }).click();
  await screenshot(page, 'config-history');
  await page.getByRole('button', { name: `Roll back to version ${version - 1}` }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Roll back to version ${version - 1}` })
    .click();
  await expect.poll(() => table.textContent()).toContain(`Rollback to version ${version - 1}`);
  await page.goto('/');
  expect(await page.getByRole('note', { name: 'System banner (top)' }).count()).toBe(0);
  await context.close();
});

test('two admins save at once: the second is told to reload and loses nothing', async () => {
  const first = await adminOnConfig();
  const second = await adminOnConfig();

  await first.page.getByTestId('toggle-tuning').click();
  await saveWithReason(first.page, 'No tuning for now');
  await expect
    .poll(() => first.page.getByRole('status').textContent())
    .toMatch(/^Saved as version/);

  await second.page.getByTestId('toggle-transform').click();
  await saveWithReason(second.page, 'No transform for now');
  const conflictPattern =
    /^the configuration changed since you loaded it \(version (\d+)\); reload and reapply$/;
  await expect.poll(() => second.page.getByRole('alert').textContent()).toMatch(conflictPattern);
  const loaded = Number(
    conflictPattern.exec((await second.page.getByRole('alert').textContent())!)![1],
  );
  await screenshot(second.page, 'config-conflict');
  await second.page
    .getByRole('button', { name: 'Reload the latest version and reapply my edits' })
    .click();
  // The label before the reload also reads "Save as version N"; after it, the first admin's
  // version (loaded + 1) is the base, so the next is loaded + 2.
  await expect
    .poll(() => second.page.getByTestId('config-save').textContent())
    .toBe(`Save as version ${loaded + 2}`);
  expect(await second.page.getByRole('list', { name: 'Changes' }).textContent()).toBe(
    'services.transformtrue→false',
  );
  await second.page.getByTestId('config-save').click();
  await expect
    .poll(() => second.page.getByRole('status').textContent())
    .toMatch(/^Saved as version/);
  const saved = await callApi<{ config: { services: Record<string, boolean> } }>(
    second.page,
    'config.get',
    undefined,
    'query',
  );
  expect(saved.config.services).toMatchObject({ tuning: false, transform: false });
  await first.context.close();
  await second.context.close();
});

test('export downloads JSON; an import names the path of every error; a valid import saves a version', async () => {
  const { page, context } = await adminOnConfig();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^mlspace-config-v\d+\.json$/);
  const exported = JSON.parse(
    await (
      await download.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8')),
  ) as {
    config: { instanceTypes: Record<string, string[]>; banner: Record<string, unknown> };
  };

  const broken = {
    ...exported,
    config: {
      ...exported.config,
      instanceTypes: { ...exported.config.instanceTypes, training: ['ml.bogus.large'] },
      banner: { ...exported.config.banner, backgroundColor: 'blue' },
    },
  };
  await page.getByLabel('Import configuration file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await page
    .getByRole('region', { name: 'Import' })
    .getByRole('textbox')
    .fill('Import from staging');
  await page.getByRole('button', { name: /^Import as version/ }).click();
  const problems = page.getByRole('list', { name: 'Import errors' });
  await expect
    .poll(() => problems.textContent())
    .toContain('instanceTypes.training.0: ml.bogus.large is not a SageMaker instance type');
  expect(await problems.textContent()).toContain(
    'banner.backgroundColor: must be a colour like #1f2937',
  );
  await screenshot(page, 'config-import-errors');

  await page.getByLabel('Import configuration file').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await page
    .getByRole('region', { name: 'Import' })
    .getByRole('textbox')
    .fill('Restore the export');
  await page.getByRole('button', { name: /^Import as version/ }).click();
  await expect
    .poll(() => page.getByRole('status').textContent())
    .toMatch(/^Saved as version \d+\.$/);
  await context.close();
});

test('project creation follows the policy set on the configuration page', async () => {
  const { page, context } = await adminOnConfig();
  await page.getByRole('radio', { name: 'Admins only' }).check();
  await saveWithReason(page, 'Only admins create projects');
  await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Saved as version/);

  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  await expect(
    callApi(alice.page, 'projects.create', { name: 'aliceNope', description: '' }),
  ).rejects.toThrow('Only admins may create projects');
  await alice.context.close();

  await page.getByRole('radio', { name: 'Everyone' }).check();
  await saveWithReason(page, 'Everyone creates projects again');
  await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Saved as version/);
  await context.close();
});

test('the deployment page shows the deployment configuration read-only', async () => {
  const { page, context, errors } = await newPage(browser, stack.url);
  await signIn(page, 'admin');
  await page.getByText('Admin ▾').click();
  await page.getByRole('link', { name: 'Deployment' }).click();
  await expect.poll(() => page.getByTestId('Mode-value').textContent()).toBe('local');
  expect(await page.getByTestId('Data bucket-value').textContent()).toBe('mlspace-data');
  expect(await page.getByTestId('Identity provider issuer-value').textContent()).toBe(
    `${stack.url}/idp`,
  );
  expect(await page.textContent('body')).not.toContain('mlspace-local-development-secret');
  await screenshot(page, 'deployment');
  expectNoBrowserErrors(errors);
  await context.close();
});
