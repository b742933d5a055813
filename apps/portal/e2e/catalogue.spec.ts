import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 15_000 };

/** The page as it is now, wide and narrow, light and dark (the theme switched in place, so the state stays). */
async function screenshotsOf(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const theme of ['light', 'dark']) {
      await page.evaluate((dark) => {
        document.documentElement.classList.toggle('dark', dark);
      }, theme === 'dark');
      await screenshot(page, `${name}-${width}-${theme}`);
    }
  }
  await page.evaluate(() => document.documentElement.classList.remove('dark'));
  await page.setViewportSize({ width: 1440, height: 900 });
}

e2e(
  'an administrator allows instance types per kind from what SageMaker offers for it, and image repositories',
  { timeout: 180_000 },
  async ({ sessions }) => {
    const { page } = await sessions.signedIn('admin');
    await page.goto('/admin/config');
    const filter = page.getByLabel('Filter instance types');
    await filter.waitFor(eventually);

    // Notebooks: SageMaker offers no ml.m5.large notebook, so it is not a choice.
    expect(await page.getByLabel('ml.t3.medium for Notebooks').isChecked()).toBe(true);
    expect(await page.getByLabel('ml.m5.large for Notebooks').count()).toBe(0);

    await page.getByRole('button', { name: /^Training/ }).click();
    await filter.fill('g5');
    await page.getByLabel('Every g5 type for Training').check();
    expect(await page.getByLabel('ml.g5.12xlarge for Training').isChecked()).toBe(true);
    expect(await page.getByTestId('instance-type-list').textContent()).toContain(
      '48 vCPU · 192 GiB · 4 × NVIDIA A10G',
    );
    await page
      .getByLabel('Allowed image repositories')
      .fill('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/*');
    await page.getByLabel('Allowed image repositories').blur();
    await screenshotsOf(page, 'config-instance-types');

    await page.getByTestId('config-review').click();
    const changes = await page.getByRole('list', { name: 'Changes' }).textContent();
    expect(changes).toContain('instanceTypes.training');
    expect(changes).toContain('allowedImageRepositories');
    await page.getByTestId('config-reason').fill('GPU training and team images');
    await page.getByTestId('config-save').click();
    await expect.poll(() => page.getByRole('status').textContent(), eventually).toMatch(/Saved/);
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Allowed image repositories').inputValue(), eventually)
      .toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/*');
  },
);

e2e(
  'the training and model forms offer your own container image, and local mode says plainly it cannot run one',
  { timeout: 180_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const page = alice.page;
    const project = `images${stamp}`;
    await callApi(page, 'projects.create', { name: project, description: 'Images' });

    await page.goto(`/projects/${project}/training/new`);
    await page.getByLabel('Your own container image').check(eventually);
    await page.getByLabel('Container image URI').waitFor(eventually);
    expect(await page.getByTestId('algorithm-support').textContent()).toMatch(
      /^Local mode runs .*XGBoost.* container images .* run on AWS only\.$/,
    );
    expect(await page.getByText('Container images cannot run in local mode.').count()).toBe(1);
    await screenshotsOf(page, 'training-own-image');

    await page.goto(`/projects/${project}/models/new`);
    await page.getByLabel('Your own container image').check(eventually);
    await page.getByLabel('Name', { exact: true }).fill(`own-${stamp}`);
    await page
      .getByLabel('Container image URI')
      .fill('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/server:1');
    alice.expectErrors(/400|Bad Request/);
    await page.getByRole('button', { name: 'Create model' }).click();
    await expect
      .poll(() => page.getByTestId('model-image-problem').textContent(), eventually)
      .toMatch(/^Local mode runs .* container images .* run on AWS only/);
    await screenshotsOf(page, 'model-own-image');
  },
);
