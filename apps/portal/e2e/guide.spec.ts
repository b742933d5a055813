// The user guide at /docs, and the screenshots it shows. This spec takes them on a real local
// stack (a project with a member, a dataset and a completed training job), so the guide pictures
// the portal as it is built; it writes them into public/guide, where the guide serves them from.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { guidePages } from '../app/components/guide/guide-pages';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const guideDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/guide');
const project = 'churnmodel';
const eventually = { timeout: 15_000 };

function trainingCsv(): string {
  const rows: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const a = ((i * 37) % 100) / 100;
    const b = ((i * 61) % 100) / 100;
    rows.push(`${a + b > 1 ? 1 : 0},${a},${b}`);
  }
  return `${rows.join('\n')}\n`;
}

async function capture(page: Page, pathname: string, file: string, ready: string) {
  await page.goto(pathname);
  await page.locator('main').getByText(ready).first().waitFor(eventually);
  await page.screenshot({ path: path.join(guideDir, file) });
}

/** What every guide page needs to exist: a project with a member, a dataset and a finished job. */
async function setUpGuideProject(page: Page) {
  await callApi(page, 'projects.create', {
    name: project,
    description: 'Predicts which customers will leave next quarter.',
  });
  await callApi(page, 'projects.members.add', { project, usernames: ['bob'], role: 'member' });
  const dataset = await callApi<{ location: string }>(page, 'datasets.create', {
    scope: 'project',
    project,
    name: 'customers',
    type: 'tabular',
    description: 'Customer activity, one row per customer and month.',
  });
  const body = trainingCsv();
  const upload = await callApi<{ mode: string; url: string }>(page, 'datasets.startUpload', {
    ref: { scope: 'project', scopeId: project, name: 'customers' },
    fileName: 'train.csv',
    size: Buffer.byteLength(body),
  });
  expect((await fetch(upload.url, { method: 'PUT', body })).ok).toBe(true);
  await callApi(page, 'training.create', {
    project,
    name: 'churn-linear',
    algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
    hyperParameters: { epochs: '10' },
    inputs: [{ name: 'train', s3Uri: dataset.location }],
    outputS3Uri: dataset.location.replace(
      /^(s3:\/\/[^/]+)\/.*$/,
      `$1/project/${project}/training-output`,
    ),
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 600,
  });
  await expect
    .poll(
      async () =>
        (
          await callApi<{ job: { status: string } }>(
            page,
            'training.get',
            { project, name: 'churn-linear' },
            'query',
          )
        ).job.status,
      { timeout: 120_000, interval: 1_000 },
    )
    .toBe('Completed');
}

e2e(
  'the guide shows every area with screenshots of the portal as built',
  async ({ sessions }) => {
    mkdirSync(guideDir, { recursive: true });
    const bob = await sessions.signedIn('bob');
    await bob.page.close();
    const admin = await sessions.signedIn('admin');
    const { page } = admin;
    await page.emulateMedia({ colorScheme: 'light' });
    await setUpGuideProject(page);

    await capture(page, '/', 'dashboard.png', project);
    await capture(page, `/projects/${project}`, 'project-overview.png', project);
    await capture(page, `/projects/${project}/members`, 'project-members.png', 'bob');
    await capture(page, '/datasets', 'datasets.png', 'customers');
    await capture(page, `/projects/${project}/notebooks`, 'notebooks.png', 'notebook');
    await capture(
      page,
      `/projects/${project}/training/churn-linear`,
      'training-job.png',
      'Completed',
    );
    await capture(page, '/admin/users', 'admin-users.png', 'bob');

    // The guide's index lists every page, and the main navigation leads to it.
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Guide' })
      .click();
    await page.waitForURL((url) => url.pathname === '/docs');
    await page.getByRole('heading', { name: 'User guide', level: 1 }).waitFor(eventually);
    const guideNav = page.getByRole('navigation', { name: 'Guide' });
    const cards = await page.locator('main ul').last().textContent();
    for (const guide of guidePages) {
      expect(await guideNav.getByRole('link', { name: guide.title, exact: true }).count()).toBe(1);
      expect(cards).toContain(guide.summary);
    }

    // Every page renders its sections and its screenshots load.
    for (const guide of guidePages) {
      await page.goto(`/docs/${guide.slug}`);
      await page.getByRole('heading', { name: guide.title, level: 1 }).waitFor(eventually);
      for (const section of guide.sections)
        expect(
          await page.getByRole('heading', { name: section.heading, exact: true }).count(),
        ).toBe(1);
      const images = page.locator('main figure img');
      const expected = guide.sections.filter((section) => section.screenshot).length;
      expect(await images.count()).toBe(expected);
      for (let index = 0; index < expected; index += 1) {
        await images.nth(index).scrollIntoViewIfNeeded();
        await expect
          .poll(
            () => images.nth(index).evaluate((img: HTMLImageElement) => img.naturalWidth),
            eventually,
          )
          .toBeGreaterThan(0);
      }
    }
  },
  300_000,
);

e2e('a guide page that does not exist says so', async ({ sessions }) => {
  const alice = await sessions.signedIn('alice');
  alice.expectErrors(/404/);
  const response = await alice.page.goto('/docs/no-such-page');

  expect(response?.status()).toBe(404);
  expect(await alice.page.locator('main').textContent()).toContain('no-such-page');
});
