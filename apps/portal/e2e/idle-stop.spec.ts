import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

// The server's sweep runs every 2 seconds on a clock 61 minutes ahead of Jupyter's: a notebook
// nobody used since it started is past a 60-minute idle timeout at the first sweep after it runs.
e2e.override(
  'stackEnv',
  { scope: 'file' },
  { MLSPACE_SWEEP_INTERVAL_SECONDS: '2', MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES: '61' },
);

const stamp = Date.now().toString(36);
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 20_000 };

async function createProject(page: Page, name: string) {
  await callApi(page, 'projects.create', { name, description: 'Cost governance' });
}

e2e(
  'a notebook left idle is stopped by the idle timeout, and its page and list say why',
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const project = `idle${stamp}`;
    await createProject(alice.page, project);

    await alice.page.goto(`/projects/${project}/settings`);
    await alice.page.getByLabel('Stop notebooks idle for').fill('60');
    await alice.page.getByRole('button', { name: 'Save cost controls' }).click();
    await expect
      .poll(() => alice.page.getByRole('status').first().textContent(), eventually)
      .toContain('Cost controls saved');

    await callApi(alice.page, 'notebooks.create', {
      project,
      name: 'left-idle',
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    });
    await alice.page.goto(`/projects/${project}/notebooks/left-idle`);
    await expect
      .poll(() => alice.page.getByTestId('notebook-status').textContent(), {
        timeout: 120_000,
        interval: 500,
      })
      .toBe('Stopped');
    await expect
      .poll(() => alice.page.getByText('Stopped after 60 minutes idle').count(), eventually)
      .toBeGreaterThan(0);
    await expect
      .poll(
        () => alice.page.getByText('After 60 minutes idle', { exact: true }).count(),
        eventually,
      )
      .toBe(1);
    await screenshot(alice.page, 'idle-stop-notebook');

    await alice.page.goto(`/projects/${project}/notebooks`);
    await expect
      .poll(() => alice.page.getByRole('row', { name: /left-idle/ }).textContent(), eventually)
      .toContain('Stopped after 60 minutes idle');
  },
);

e2e(
  'a member over the project quota reads on the create form which quota and which notebook use it',
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const admin = await sessions.signedIn('admin');
    const project = `quota${stamp}`;
    await createProject(alice.page, project);

    // The administrator sets this project's quota on its settings page.
    await admin.page.goto(`/projects/${project}/settings`);
    await admin.page.locator('#quota-project-notebooks').fill('1');
    await admin.page.getByRole('button', { name: 'Save quotas' }).click();
    await expect.poll(() => admin.page.getByText('Quotas saved.').count(), eventually).toBe(1);

    await callApi(alice.page, 'notebooks.create', {
      project,
      name: 'first',
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    });
    await alice.page.goto(`/projects/${project}/notebooks/new`);
    await expect
      .poll(
        () => alice.page.getByLabel('Instance type', { exact: true }).locator('option').count(),
        eventually,
      )
      .toBeGreaterThan(0);
    // The refused create answers 409 (CONFLICT), which the browser logs; the page reads it.
    alice.expectErrors(/status of 409/);
    await alice.page.getByLabel('Name').fill('second');
    await alice.page.getByRole('button', { name: 'Create notebook' }).click();
    await expect
      .poll(
        () =>
          alice.page
            .getByText(
              'Project quota reached: 1 running notebooks (alice/first). Stop one or ask an administrator to raise the quota.',
            )
            .count(),
        eventually,
      )
      .toBe(1);
    await screenshot(alice.page, 'quota-refusal-form');

    // Everyone in the project reads the quota and its use on the project's settings.
    await alice.page.goto(`/projects/${project}/settings`);
    await expect
      .poll(
        () =>
          alice.page.getByRole('row', { name: /running notebooks in the project/ }).textContent(),
        eventually,
      )
      .toMatch(/running notebooks in the project\s*1\s*1/);
  },
);
