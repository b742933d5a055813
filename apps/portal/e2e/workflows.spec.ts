// Workflows without dead ends: the overview and the dashboard show what runs, a tuning job's
// training job opens as a training job, each detail page offers its next step, and a job's output
// file downloads from its page. Screenshots of the overview, the dashboard and a training job at
// 1440 and 390 px, light and dark.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
const project = `flow${stamp}`;
const job = `train-${stamp}`;
const model = `model-${stamp}`;
const config = `config-${stamp}`;
const endpoint = `endpoint-${stamp}`;
const tuning = `tune-${stamp}`;
/** The machine is shared: jobs and endpoints take their time. */
const slow = { timeout: 120_000, interval: 1_000 };

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

/** A project dataset with one training file, uploaded as the upload panel does; its S3 location. */
async function uploadDataset(page: Page, name: string): Promise<string> {
  const dataset = await callApi<{ location: string }>(page, 'datasets.create', {
    scope: 'project',
    project,
    name,
    type: 'tabular',
  });
  const body = trainingCsv();
  const upload = await callApi<{ mode: string; url: string }>(page, 'datasets.startUpload', {
    ref: { scope: 'project', scopeId: project, name },
    fileName: 'train.csv',
    size: body.length,
  });
  const status = await page.evaluate(
    async ({ url, body }) => (await fetch(url, { method: 'PUT', body })).status,
    { url: upload.url, body },
  );
  expect(status).toBe(200);
  return dataset.location;
}

const status = (page: Page, procedure: string, name: string, field: 'job' | 'endpoint') =>
  callApi<Record<string, { status: string }>>(page, procedure, { name }, 'query').then(
    (detail) => detail[field]!.status,
  );

async function shots(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      // The theme is applied before first paint, from the media query at load.
      await page.reload();
      await page.locator('main').waitFor();
      await expect.poll(() => page.locator('main').textContent(), slow).not.toMatch(/Loading/);
      await screenshot(page, `workflows-${name}-${width}-${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

e2e(
  'from a training job to a live endpoint every page offers the next step, and the overview and dashboard show what runs',
  { timeout: 420_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const page = alice.page;
    await callApi(page, 'projects.create', { name: project, description: 'Workflows' });
    const location = await uploadDataset(page, `flow${stamp}`);
    // The dataset's page shares the detail layout: its facts and its files.
    await page.goto(`/datasets/project/${project}/flow${stamp}`);
    await expect.poll(() => page.getByTestId('Location-value').textContent(), slow).toBe(location);
    await expect
      .poll(() => page.getByRole('region', { name: 'Dataset Browser' }).textContent(), slow)
      .toContain('train.csv');
    const definition = {
      algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
      hyperParameters: { epochs: '3' },
      inputs: [{ name: 'train', s3Uri: location }],
      outputS3Uri: `s3://mlspace-data/project/${project}/training-output`,
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      maxRuntimeSeconds: 600,
    };
    await callApi(page, 'training.create', { project, name: job, ...definition });
    await expect.poll(() => status(page, 'training.get', job, 'job'), slow).toBe('Completed');

    // A completed training job offers "Create model", pre-filled with the job.
    await page.goto(`/projects/${project}/training/${job}`);
    const createModel = page.getByRole('link', { name: 'Create model' });
    expect(await createModel.getAttribute('href')).toBe(
      `/projects/${project}/models/new?trainingJob=${job}`,
    );
    // Its artefact is listed in its own output folder and downloads from the page.
    const outputs = page.getByRole('list', { name: 'Output files' });
    await expect.poll(() => outputs.textContent(), slow).toContain('output/model.tar.gz');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download output/model.tar.gz' }).click();
    expect((await download).suggestedFilename()).toBe('model.tar.gz');
    expect(await page.getByTestId('Duration-value').textContent()).toMatch(/^ran for \d+ (s|min)$/);
    await shots(page, 'training-detail');

    // A model offers an endpoint configuration; a configuration offers an endpoint.
    await callApi(page, 'models.create', { project, name: model, trainingJobName: job });
    await page.goto(`/projects/${project}/models/${model}`);
    expect(
      await page.getByRole('link', { name: 'Create endpoint configuration' }).getAttribute('href'),
    ).toBe(`/projects/${project}/endpoint-configs/new?model=${model}`);
    await callApi(page, 'endpointConfigs.create', {
      project,
      name: config,
      variants: [
        {
          variantName: 'AllTraffic',
          modelName: model,
          instanceType: 'ml.m5.large',
          initialInstanceCount: 1,
        },
      ],
    });
    await page.goto(`/projects/${project}/endpoint-configs/${config}`);
    expect(
      await page.getByRole('link', { name: 'Create endpoint', exact: true }).getAttribute('href'),
    ).toBe(`/projects/${project}/endpoints/new?endpointConfig=${config}`);
    await callApi(page, 'endpoints.create', {
      project,
      name: endpoint,
      endpointConfigName: config,
    });
    await expect
      .poll(() => status(page, 'endpoints.get', endpoint, 'endpoint'), slow)
      .toBe('InService');

    // The overview shows the running endpoint with its instance type, and says why no cost.
    await page.goto(`/projects/${project}`);
    const running = page.getByRole('list', { name: 'Running now' });
    await expect.poll(() => running.textContent(), slow).toContain(endpoint);
    expect(await running.textContent()).toContain('ml.m5.large');
    expect(await page.getByTestId('running-cost').textContent()).toContain(
      'cost estimates come with cost governance',
    );
    expect(await page.getByTestId('count-trainingJob').textContent()).toBe('1');
    expect(await page.getByTestId('count-endpoint').textContent()).toBe('1');
    await shots(page, 'overview');

    // The dashboard lists the caller's running resources, each opening its page.
    await page.goto('/');
    const mine = page.getByRole('list', { name: 'My running resources' });
    await expect.poll(() => mine.textContent(), slow).toContain(endpoint);
    await shots(page, 'dashboard');
    await mine.getByRole('link', { name: endpoint }).click();
    await page.waitForURL((url) => url.pathname === `/projects/${project}/endpoints/${endpoint}`);
    await expect
      .poll(() => page.getByTestId('Duration-value').textContent(), slow)
      .toMatch(/^running for /);
    await shots(page, 'endpoint-detail');

    // The cost controls say which running endpoints they reach now.
    await page.goto(`/projects/${project}/settings`);
    await expect
      .poll(() => page.getByTestId('applies-now-endpoint').textContent(), slow)
      .toContain(endpoint);
    expect(await page.getByTestId('applies-now-notebook').textContent()).toBe(
      'No running notebooks.',
    );

    // A tuning job's training job opens as a training job; the best one becomes a model.
    await callApi(page, 'tuning.create', {
      project,
      name: tuning,
      strategy: 'Grid',
      objective: { metricName: 'train:accuracy', type: 'Maximize' },
      ranges: [{ name: 'learning_rate', type: 'Categorical', values: ['0.01', '0.5'] }],
      maxJobs: 2,
      maxParallelJobs: 2,
      training: definition,
    });
    await expect.poll(() => status(page, 'tuning.get', tuning, 'job'), slow).toBe('Completed');
    await page.goto(`/projects/${project}/tuning/${tuning}`);
    const best = (await page.getByTestId('best-job').getByRole('link').textContent())!;
    expect(
      await page.getByRole('link', { name: 'Create model from the best job' }).getAttribute('href'),
    ).toBe(`/projects/${project}/models/new?trainingJob=${best}`);
    await shots(page, 'tuning-detail');
    const child = `${tuning}-001`;
    await page
      .getByRole('table', { name: 'Training jobs of this tuning job' })
      .getByRole('link', { name: child })
      .click();
    await page.waitForURL((url) => url.pathname === `/projects/${project}/training/${child}`);
    await expect.poll(() => page.getByRole('heading', { name: child }).count(), slow).toBe(1);
    expect(await page.getByTestId('Tuning job-value').textContent()).toBe(tuning);
    await expect.poll(() => page.getByTestId('logs').textContent(), slow).toContain('train:');
    expect(await page.getByRole('link', { name: 'Create model' }).getAttribute('href')).toBe(
      `/projects/${project}/models/new?trainingJob=${child}`,
    );

    await callApi(page, 'endpoints.delete', { name: endpoint });
  },
);
