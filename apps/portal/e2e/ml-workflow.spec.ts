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

const stamp = Date.now().toString(36);

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

/** Creates a private dataset through the datasets page and returns its S3 location. */
async function uploadDataset(
  page: Page,
  name: string,
  file: { name: string; body: string },
): Promise<string> {
  await page.goto('/datasets/new');
  await page.getByLabel('Access level', { exact: true }).selectOption('private');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description', { exact: true }).fill('ML workflow data');
  await page
    .getByTestId('dataset-file-input')
    .setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.body) });
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/${name}`));
  await expect
    .poll(() => page.getByRole('region', { name: 'Dataset Browser' }).textContent(), {
      timeout: 15_000,
    })
    .toContain(file.name);
  return (await page.getByTestId('Location-value').textContent())!.trim();
}

/** Picks one of the caller's private datasets in a location field: no location is typed. */
async function pickPrivateDataset(page: Page, label: string, location: string) {
  await page.getByLabel(label, { exact: true }).selectOption('private');
  const dataset = page.getByLabel(`${label}: dataset`, { exact: true });
  await expect.poll(() => dataset.locator(`option[value="${location}"]`).count()).toBe(1);
  await dataset.selectOption(location);
}

async function waitForText(page: Page, text: string, timeout = 90_000) {
  await expect
    .poll(() => page.locator('body').textContent(), { timeout, interval: 500 })
    .toContain(text);
}

test('alice trains a scikit-learn model, deploys and invokes it, runs a transform and a 4-job tuning search', async () => {
  const { page, errors } = await newPage(browser, stack.url);
  await signIn(page, 'alice');
  const project = `mle2e${stamp}`;
  await callApi(page, 'projects.create', { name: project, description: 'ML workflow' });

  const trainLocation = await uploadDataset(page, `train${stamp}`, {
    name: 'train.csv',
    body: trainingCsv(),
  });
  const batchLocation = await uploadDataset(page, `batch${stamp}`, {
    name: 'rows.csv',
    body: '0.9,0.8\n0.1,0.2\n',
  });

  // Train with the built-in scikit-learn linear learner.
  await page.goto(`/projects/${project}/training`);
  await page.getByRole('link', { name: 'Create training job' }).first().click();
  await page.waitForURL((url) => url.pathname.endsWith('/training/new'));
  await page.getByLabel('Name', { exact: true }).fill('bad name!');
  await page.getByLabel('Name', { exact: true }).blur();
  await expect
    .poll(() => page.getByTestId('job-name-problem').textContent())
    .toContain('letters, digits and hyphens');
  const job = `linear-${stamp}`;
  await page.getByLabel('Name', { exact: true }).fill(job);
  await expect
    .poll(() => page.getByLabel('Hyperparameters', { exact: true }).inputValue())
    .toContain('epochs=10');
  await pickPrivateDataset(page, 'Channel 1 location', trainLocation);
  await page.getByLabel('Maximum run time (s)', { exact: true }).fill('600');
  await screenshot(page, 'ml-training-create');
  await page.getByRole('button', { name: 'Create training job' }).click();
  await page.waitForURL((url) => url.pathname === `/projects/${project}/training/${job}`);
  await waitForText(page, 'Model artefact');
  await expect
    .poll(() => page.getByTestId('metric-chart').locator('circle').count(), { timeout: 60_000 })
    .toBeGreaterThan(5);
  await waitForText(page, `${job}/output/model.tar.gz`);
  expect(
    await page.getByTestId('metric-chart').locator('g[data-metric]').count(),
  ).toBeGreaterThanOrEqual(2);
  await expect.poll(() => page.getByTestId('logs').textContent()).toContain('train:accuracy=');
  await screenshot(page, 'ml-training-detail');

  // Model from the job, endpoint config, endpoint.
  await page.getByRole('link', { name: 'Create model' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/models/new'));
  const model = `model-${stamp}`;
  await page.getByLabel('Name', { exact: true }).fill(model);
  await expect.poll(() => page.getByLabel('Training job', { exact: true }).inputValue()).toBe(job);
  await page.getByRole('button', { name: 'Create model' }).click();
  await page.waitForURL((url) => url.pathname === `/projects/${project}/models/${model}`);

  await page.goto(`/projects/${project}/endpoint-configs/new`);
  const config = `config-${stamp}`;
  await page.getByLabel('Name', { exact: true }).fill(config);
  await expect
    .poll(() => page.getByLabel('Model', { exact: true }).locator('option').count())
    .toBeGreaterThan(1);
  await page.getByLabel('Model', { exact: true }).selectOption(model);
  await page.getByRole('button', { name: 'Create endpoint configuration' }).click();
  await page.waitForURL(
    (url) => url.pathname === `/projects/${project}/endpoint-configs/${config}`,
  );

  await page.goto(`/projects/${project}/endpoints/new`);
  const endpoint = `endpoint-${stamp}`;
  await page.getByLabel('Name', { exact: true }).fill(endpoint);
  await expect
    .poll(() =>
      page.getByLabel('Endpoint configuration', { exact: true }).locator('option').count(),
    )
    .toBeGreaterThan(1);
  await page.getByLabel('Endpoint configuration', { exact: true }).selectOption(config);
  await page.getByRole('button', { name: 'Create endpoint' }).click();
  await page.waitForURL((url) => url.pathname === `/projects/${project}/endpoints/${endpoint}`);
  await waitForText(page, 'InService', 60_000);
  await page.getByLabel('Payload', { exact: true }).fill('0.9,0.95');
  await page.getByRole('button', { name: 'Invoke', exact: true }).click();
  await expect
    .poll(() => page.getByTestId('invoke-response').textContent(), { timeout: 15_000 })
    .toContain('1.0');
  await screenshot(page, 'ml-endpoint-invoke');
  // A row the model rejects: the model's own message, not a server error.
  await page.getByLabel('Payload', { exact: true }).fill('1,2,3');
  await page.getByRole('button', { name: 'Invoke', exact: true }).click();
  await waitForText(page, 'X has 3 features', 15_000);

  // Batch transform over a dataset file.
  await page.goto(`/projects/${project}/transform/new`);
  const transform = `batch-${stamp}`;
  await page.getByLabel('Name', { exact: true }).fill(transform);
  await expect
    .poll(() => page.getByLabel('Model', { exact: true }).locator('option').count())
    .toBeGreaterThan(1);
  await page.getByLabel('Model', { exact: true }).selectOption(model);
  await pickPrivateDataset(page, 'Input (prefix or file)', batchLocation);
  await page.getByRole('button', { name: 'Create transform job' }).click();
  await page.waitForURL((url) => url.pathname === `/projects/${project}/transform/${transform}`);
  await expect
    .poll(() => page.getByTestId('logs').textContent(), { timeout: 60_000 })
    .toContain('rows.csv.out');
  await waitForText(page, 'Completed');

  // Tuning: 4 trainings, 2 at a time, the best named.
  await page.goto(`/projects/${project}/tuning/new`);
  const tuning = `tune-${stamp}`;
  await page.getByLabel('Name', { exact: true }).fill(tuning);
  await page.getByLabel('Range 1 name', { exact: true }).fill('learning_rate');
  await page.getByLabel('Range 1 values', { exact: true }).fill('0.001, 0.01, 0.1, 0.5');
  await pickPrivateDataset(page, 'Channel 1 location', trainLocation);
  await expect
    .poll(() => page.getByLabel('Objective metric', { exact: true }).locator('option').count())
    .toBeGreaterThan(1);
  await page.getByLabel('Objective metric', { exact: true }).selectOption('train:accuracy');
  await screenshot(page, 'ml-tuning-create');
  await page.getByRole('button', { name: 'Create tuning job' }).click();
  await page.waitForURL((url) => url.pathname === `/projects/${project}/tuning/${tuning}`);
  await waitForText(page, '4 completed, 0 running', 120_000);
  await expect.poll(() => page.getByTestId('best-job').textContent()).toContain(`${tuning}-00`);
  await screenshot(page, 'ml-tuning-detail');

  // My jobs lists them across projects.
  await page.goto('/jobs');
  await waitForText(page, job, 15_000);
  expectNoBrowserErrors(errors.filter((error) => !error.includes('400')));
});
