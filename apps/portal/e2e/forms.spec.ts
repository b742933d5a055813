import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 15_000 };

/** Label first, then two features: a + b > 1 is class 1 (the built-in algorithms' CSV rule). */
function trainingCsv(): string {
  const rows: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const a = ((i * 37) % 100) / 100;
    const b = ((i * 61) % 100) / 100;
    rows.push(`${a + b > 1 ? 1 : 0},${a},${b}`);
  }
  return `${rows.join('\n')}\n`;
}

/** The text under a field and whether the control says it is invalid, read the way a screen reader does. */
async function describedProblem(page: Page, label: string) {
  const control = page.getByLabel(label, { exact: true });
  const describedBy = await control.getAttribute('aria-describedby');
  return {
    invalid: await control.getAttribute('aria-invalid'),
    text: describedBy ? await page.locator(`[id="${describedBy}"]`).textContent() : null,
  };
}

/** Uploads a private dataset through its form (nothing but its name typed) and returns its location. */
async function uploadPrivateDataset(page: Page, name: string): Promise<string> {
  await page.goto('/datasets/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page
    .getByTestId('dataset-file-input')
    .setInputFiles({ name: 'train.csv', mimeType: 'text/csv', buffer: Buffer.from(trainingCsv()) });
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/${name}`));
  await expect
    .poll(() => page.getByRole('region', { name: 'Dataset Browser' }).textContent(), eventually)
    .toContain('train.csv');
  return (await page.getByTestId('Location-value').textContent())!.trim();
}

async function pickPrivateDataset(page: Page, label: string, location: string) {
  await page.getByLabel(label, { exact: true }).selectOption('private');
  const dataset = page.getByLabel(`${label}: dataset`, { exact: true });
  await expect
    .poll(() => dataset.locator(`option[value="${location}"]`).count(), eventually)
    .toBe(1);
  await dataset.selectOption(location);
}

/** The form as it is now, wide and narrow, light and dark (the theme switched in place, so the state stays). */
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
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function submitAndWaitFor(page: Page, button: string, path: string) {
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((url) => url.pathname === path, { timeout: 30_000 });
}

e2e(
  "a rule broken in a form is shown under its field in plain words, from core's schema before sending and from the API's refusal after",
  { timeout: 120_000 },
  async ({ sessions }) => {
    const bob = await sessions.signedIn('bob');
    const hidden = await callApi<{ location: string }>(bob.page, 'datasets.create', {
      scope: 'private',
      name: `bobonly${stamp}`,
      type: 'tabular',
    });
    const alice = await sessions.signedIn('alice');
    const page = alice.page;
    // The refusal below is a 403 answer, which the browser logs.
    alice.expectErrors(/403/);
    const project = `forms${stamp}`;
    await callApi(page, 'projects.create', { name: project, description: 'Forms' });

    // Client side: core's name rule, under the Name field, once the field is left.
    await page.goto(`/projects/${project}/training/new`);
    await page.getByLabel('Name', { exact: true }).fill('bad name!');
    expect((await describedProblem(page, 'Name')).invalid).toBe('false');
    await page.getByLabel('Name', { exact: true }).blur();
    await expect
      .poll(async () => (await describedProblem(page, 'Name')).text, eventually)
      .toBe(
        'Name must be 1 to 63 characters, letters, digits and hyphens, not starting or ending with a hyphen.',
      );
    expect((await describedProblem(page, 'Name')).invalid).toBe('true');

    // Submitting with an empty channel: nothing is sent, the field says what is missing.
    await page.getByLabel('Name', { exact: true }).fill(`refused-${stamp}`);
    await page.getByRole('button', { name: 'Create training job' }).click();
    await expect
      .poll(async () => (await describedProblem(page, 'Channel 1 location')).text, eventually)
      .toBe('Channel 1 location is required.');
    expect(page.url()).toContain('/training/new');

    // Server side: bob's private dataset, typed as text, is refused by the API's storage gate
    // and the refusal shows under the channel it concerns, with no input path in sight.
    await page.getByLabel('Channel 1 location', { exact: true }).selectOption('typed');
    await page.getByLabel('Channel 1 location: location', { exact: true }).fill(hidden.location);
    await page.getByRole('button', { name: 'Create training job' }).click();
    await expect
      .poll(async () => (await describedProblem(page, 'Channel 1 location')).text, eventually)
      .toBe('Only the creator may read a private dataset.');
    expect(await page.getByRole('alert').first().textContent()).toBe('Check the marked fields.');
    expect(await page.locator('body').textContent()).not.toContain('inputs.0');
    await screenshotsOf(page, 'forms-server-field-error');

    // Changing the field clears the server's word on it.
    await page.getByLabel('Channel 1 location: location', { exact: true }).fill('');
    await page.getByLabel('Channel 1 location', { exact: true }).selectOption('private');
    expect((await describedProblem(page, 'Channel 1 location')).text ?? '').not.toContain(
      'Only the creator',
    );
  },
);

e2e(
  'training job -> model -> endpoint configuration -> live endpoint, each picked or prefilled, with no storage location typed',
  { timeout: 300_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const page = alice.page;
    const project = `chain${stamp}`;
    await callApi(page, 'projects.create', { name: project, description: 'Chain' });
    const location = await uploadPrivateDataset(page, `chaindata${stamp}`);

    // The dataset picker: scope, dataset, and the default output folder of the project.
    await page.goto(`/projects/${project}/training/new`);
    const job = `chain-${stamp}`;
    await page.getByLabel('Name', { exact: true }).fill(job);
    await expect
      .poll(() => page.getByLabel('Hyperparameters', { exact: true }).inputValue(), eventually)
      .toContain('epochs=10');
    await pickPrivateDataset(page, 'Channel 1 location', location);
    await expect
      .poll(() => page.getByLabel('Channel 1 location: path inside (optional)').count())
      .toBe(1);
    expect(await page.getByLabel('Output location', { exact: true }).inputValue()).toBe('output');
    await page.getByLabel('Maximum run time (s)', { exact: true }).fill('600');
    await screenshotsOf(page, 'forms-training');
    await submitAndWaitFor(page, 'Create training job', `/projects/${project}/training/${job}`);
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 120_000, interval: 1_000 })
      .toContain(`${job}/output/model.tar.gz`);

    // The training job's page offers the model; the form arrives with the job and a name.
    await page.getByRole('link', { name: 'Create model' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/models/new'));
    expect(await page.getByLabel('Training job', { exact: true }).inputValue()).toBe(job);
    const model = `${job}-model`;
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(model);
    await screenshotsOf(page, 'forms-model');
    await submitAndWaitFor(page, 'Create model', `/projects/${project}/models/${model}`);

    // The model's next step: ?model= picks it and names the configuration.
    await page.goto(`/projects/${project}/endpoint-configs/new?model=${model}`);
    const config = `${job}-config`;
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(config);
    await expect
      .poll(() => page.getByLabel('Model', { exact: true }).inputValue(), eventually)
      .toBe(model);
    await expect
      .poll(() => page.getByLabel('Instance type', { exact: true }).inputValue(), eventually)
      .not.toBe('');
    await submitAndWaitFor(
      page,
      'Create endpoint configuration',
      `/projects/${project}/endpoint-configs/${config}`,
    );

    // The configuration's next step: ?endpointConfig= picks it and names the endpoint.
    await page.goto(`/projects/${project}/endpoints/new?endpointConfig=${config}`);
    const endpoint = `${job}-endpoint`;
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(endpoint);
    expect(await page.getByLabel('Endpoint configuration', { exact: true }).inputValue()).toBe(
      config,
    );
    await submitAndWaitFor(page, 'Create endpoint', `/projects/${project}/endpoints/${endpoint}`);
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 90_000, interval: 1_000 })
      .toContain('InService');
  },
);
