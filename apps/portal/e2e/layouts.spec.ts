import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';

import { expectNoBrowserErrors, launchBrowser, newPage, signIn } from './support/browser';
import { callApi } from './support/trpc-call';
import { startStack, type RunningStack } from './support/stack';

let stack: RunningStack;
let browser: Browser;
const stamp = Date.now().toString(36);
const project = `layouts${stamp}`;
const description = `Server rendered ${stamp}`;
const dataset = `layoutData${stamp}`;
const job = `layoutJob${stamp}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  await callApi(alice.page, 'projects.create', { name: project, description });
  const input = await callApi<{ location: string }>(alice.page, 'datasets.create', {
    scope: 'project',
    project,
    name: dataset,
    type: 'tabular',
  });
  await callApi(alice.page, 'training.create', {
    project,
    name: job,
    algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
    hyperParameters: { epochs: '2' },
    inputs: [{ name: 'train', s3Uri: input.location }],
    outputS3Uri: input.location,
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 600,
  });
  await alice.context.close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The HTML the server sends for `path` to a browser holding the context's session cookie. */
async function serverHtml(context: BrowserContext, path: string): Promise<string> {
  const cookies = await context.cookies(stack.url);
  const response = await fetch(`${stack.url}${path}`, {
    headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') },
    redirect: 'manual',
  });
  expect(response.status).toBe(200);
  return response.text();
}

test('the server HTML of project pages, detail pages, the dashboard and the lists already holds their data, with no loading placeholder', async () => {
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');

  const overview = await serverHtml(alice.context, `/projects/${project}`);
  expect(overview).toContain(description);
  expect(overview).toContain('aria-label="Project sections"');
  expect(overview).not.toContain('Loading');

  const members = await serverHtml(alice.context, `/projects/${project}/members`);
  expect(members).toMatch(/<td[^>]*>.*alice/);
  expect(members).not.toContain('Loading');

  const training = await serverHtml(alice.context, `/projects/${project}/training`);
  expect(training).toContain(job);
  expect(training).not.toContain('Loading');

  const trainingJob = await serverHtml(alice.context, `/projects/${project}/training/${job}`);
  expect(trainingJob).toMatch(/<dd[^>]*>ml\.m5\.large<\/dd>/);
  expect(trainingJob).not.toContain('Loading');

  const datasetPage = await serverHtml(alice.context, `/datasets/project/${project}/${dataset}`);
  expect(datasetPage).toMatch(new RegExp(`<h1[^>]*>${dataset}</h1>`));
  expect(datasetPage).not.toContain('Loading');

  const notebooks = await serverHtml(alice.context, `/projects/${project}/notebooks`);
  expect(notebooks).toContain('Create notebook');
  expect(notebooks).not.toContain('Loading');

  const dashboard = await serverHtml(alice.context, '/');
  expect(dashboard).toContain(`href="/projects/${project}"`);
  expect(dashboard).not.toContain('Loading');

  const datasets = await serverHtml(alice.context, '/datasets');
  expect(datasets).toContain(dataset);
  expect(datasets).not.toContain('Loading');

  const jobs = await serverHtml(alice.context, '/jobs');
  expect(jobs).toContain(job);
  expect(jobs).not.toContain('Loading');
  await alice.context.close();
});

test('a deep link into a section keeps the project tab bar and the breadcrumbs, and an old ?tab= link opens its section', async () => {
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  await alice.page.goto(`/projects/${project}/training/${job}`);
  const sections = alice.page.getByRole('navigation', { name: 'Project sections' });
  await expect
    .poll(() => sections.getByRole('link', { name: 'Training' }).getAttribute('aria-current'))
    .toBe('page');
  const breadcrumb = alice.page.getByRole('navigation', { name: 'Breadcrumb' });
  expect(await breadcrumb.getByRole('link').allTextContents()).toEqual([
    'Dashboard',
    project,
    'Training jobs',
  ]);
  expect(await breadcrumb.locator('[aria-current="page"]').textContent()).toBe(job);
  expect(await alice.page.getByRole('heading', { level: 1 }).textContent()).toBe(project);

  await breadcrumb.getByRole('link', { name: 'Training jobs' }).click();
  await alice.page.waitForURL((url) => url.pathname === `/projects/${project}/training`);
  await expect.poll(() => alice.page.getByRole('link', { name: job }).count()).toBe(1);

  // At this width Members is one of the sections behind the tab bar's "More" button.
  await sections.getByRole('button', { name: 'More sections' }).click();
  await sections.getByRole('link', { name: 'Members' }).click();
  await alice.page.waitForURL((url) => url.pathname === `/projects/${project}/members`);
  await expect
    .poll(() => breadcrumb.locator('[aria-current="page"]').textContent())
    .toBe('Members');

  await alice.page.goto(`/projects/${project}?tab=settings`);
  expect(new URL(alice.page.url()).pathname).toBe(`/projects/${project}/settings`);
  await expect
    .poll(() => sections.getByRole('link', { name: 'Settings' }).getAttribute('aria-current'))
    .toBe('page');
  expectNoBrowserErrors(alice.errors);
  await alice.context.close();
});

test('the admin layout refuses a non-administrator on every admin page, with the shell still around it, and renders the lists on the server for an administrator', async () => {
  const bob = await newPage(browser, stack.url);
  await signIn(bob.page, 'bob');
  for (const path of ['/admin/users', '/admin/audit', '/admin/config']) {
    const response = await bob.page.goto(path);
    expect(response?.status()).toBe(403);
    await expect
      .poll(() => bob.page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Administrators only');
    expect(await bob.page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
  }
  expect(bob.errors.filter((error) => !/403|Forbidden/i.test(error))).toEqual([]);
  await bob.context.close();

  const admin = await newPage(browser, stack.url);
  await signIn(admin.page, 'admin');
  const users = await serverHtml(admin.context, '/admin/users');
  expect(users).toMatch(/<td[^>]*>.*bob/);
  expect(users).not.toContain('Loading');
  const projects = await serverHtml(admin.context, '/admin/projects');
  expect(projects).toContain(project);
  expect(projects).not.toContain('Loading');
  await admin.context.close();
});

test('a visitor without a session is sent to sign in from a deep link, and comes back to it', async () => {
  const visitor = await newPage(browser, stack.url);
  await visitor.page.goto(`/projects/${project}/members`);
  await visitor.page.waitForURL((url) => url.pathname === '/signin');
  expect(new URL(visitor.page.url()).searchParams.get('returnTo')).toBe(
    `/projects/${project}/members`,
  );
  await visitor.page.getByRole('link', { name: 'Sign in' }).click();
  await visitor.page.getByLabel('Username').fill('alice');
  await visitor.page.getByLabel('Password').fill('mlspace');
  await visitor.page.getByRole('button', { name: 'Sign in' }).click();
  await visitor.page.waitForURL((url) => url.pathname === `/projects/${project}/members`);
  await expect
    .poll(() => visitor.page.getByRole('navigation', { name: 'Breadcrumb' }).textContent())
    .toContain('Members');
  expectNoBrowserErrors(visitor.errors);
  await visitor.context.close();
});
