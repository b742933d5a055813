import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
const project = `lists${stamp}`;
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 15_000 };

const modelsTable = (page: Page) => page.getByRole('table', { name: 'Models' });
const rowNames = (page: Page) =>
  modelsTable(page)
    .locator('tbody tr td:first-child')
    .allTextContents()
    .then((names) => names.join(','));
const range = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Showing' }).first().textContent();

/** keep-01 … keep-12 and skip-01, created in that order (models need no training job). */
const keep = Array.from({ length: 12 }, (_, index) => `keep-${String(index + 1).padStart(2, '0')}`);

e2e(
  'a filtered, sorted second page opened from a link restores exactly, on the server too; Back returns to the view before; an empty list says what to do next',
  { timeout: 180_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const { page } = alice;
    await callApi(page, 'me.updatePreferences', {
      timezone: 'UTC',
      theme: 'light',
      pageSize: 10,
    });
    await callApi(page, 'projects.create', { name: project, description: 'List kit checks' });
    // Locally a model needs inference code; the project's own area holds it (the file is not read).
    const { defaultOutputS3Uri } = await callApi<{ defaultOutputS3Uri: string }>(
      page,
      'training.options',
      { project },
      'query',
    );
    const inferenceCodeS3Uri = defaultOutputS3Uri.replace(/\/[^/]+$/, '/code/inference.py');
    for (const name of [...keep, 'skip-01'])
      await callApi(page, 'models.create', {
        project,
        name,
        image: 'sklearn',
        inferenceCodeS3Uri,
      });

    await page.goto(`/projects/${project}/models`);
    await expect.poll(() => range(page), eventually).toBe('Showing 1–10 of more');
    // Newest first unless asked otherwise.
    await expect.poll(() => rowNames(page), eventually).toMatch(/^skip-01,keep-12,/);

    const entriesBeforeTyping = await page.evaluate(() => history.length);
    // Slower than the filter's pause, so the URL follows every letter: each replaces the entry.
    await page.getByLabel('Name contains').pressSequentially('keep', { delay: 450 });
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), eventually).toBe('keep');
    expect(await page.evaluate(() => history.length)).toBe(entriesBeforeTyping);
    await page.getByRole('button', { name: 'Created', exact: true }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('sort'), eventually)
      .toBe('created');
    await expect
      .poll(() =>
        page.getByRole('columnheader', { name: 'Created', exact: true }).getAttribute('aria-sort'),
      )
      .toBe('ascending');
    await expect.poll(() => rowNames(page), eventually).toBe(keep.slice(0, 10).join(','));
    await page.getByRole('link', { name: 'Next' }).click();
    await expect.poll(() => rowNames(page), eventually).toBe('keep-11,keep-12');
    await expect.poll(() => range(page)).toBe('Showing 11–12 of 12');
    const link = page.url();
    // The sort and the page are views of their own: each pushed one entry.
    expect(await page.evaluate(() => history.length)).toBe(entriesBeforeTyping + 2);

    // A fresh browser context, as someone opening the link: the server's HTML already holds the view.
    const fresh = await sessions.signedIn('alice');
    const html = await (await fresh.context.request.get(link)).text();
    expect(html).toContain('keep-11');
    expect(html).toContain('keep-12');
    expect(html).not.toContain('keep-01');
    expect(html).toContain('Showing 11–12 of 12');
    expect(html).not.toContain('Loading…');
    await fresh.page.goto(link);
    await expect.poll(() => rowNames(fresh.page), eventually).toBe('keep-11,keep-12');
    expect(await fresh.page.getByLabel('Name contains').inputValue()).toBe('keep');
    expect(
      await fresh.page
        .getByRole('columnheader', { name: 'Created', exact: true })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
    await fresh.page.getByRole('link', { name: 'Previous' }).click();
    await expect.poll(() => rowNames(fresh.page), eventually).toBe(keep.slice(0, 10).join(','));
    await screenshot(fresh.page, 'list-filtered-sorted');

    // Back goes to the view before: the first page, same filter and order.
    await page.goBack();
    await expect.poll(() => rowNames(page), eventually).toBe(keep.slice(0, 10).join(','));
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    expect(new URL(page.url()).searchParams.get('q')).toBe('keep');

    // A filter that matches nothing offers to clear it; clearing keeps the order.
    await page.getByLabel('Name contains').fill('nothing-like-this');
    await expect
      .poll(() => page.getByText('Nothing matches these filters.').count(), eventually)
      .toBe(1);
    await page.getByRole('link', { name: 'Clear the filters' }).click();
    await expect.poll(() => page.getByLabel('Name contains').inputValue(), eventually).toBe('');
    await expect.poll(() => rowNames(page), eventually).toMatch(/^keep-01,keep-02,/);

    // An empty list says what to do next, with the create link for someone who may create.
    await page.goto(`/projects/${project}/endpoints`);
    const table = page.getByRole('table', { name: 'Endpoints' });
    await expect
      .poll(() => table.textContent(), eventually)
      .toContain(`No endpoints in ${project} yet. Create the first one.`);
    expect(await table.getByRole('link', { name: 'Create endpoint' }).getAttribute('href')).toBe(
      `/projects/${project}/endpoints/new`,
    );

    // Hostile params open the default view instead of failing.
    await page.goto(
      `/projects/${project}/models?sort=__proto__&page=%00&status=%3Cx%3E&q=${'x'.repeat(500)}`,
    );
    await expect.poll(() => range(page), eventually).toBe('Showing 1–10 of more');
  },
);

e2e(
  'the audit trail reads as sentences with a before/after diff',
  { timeout: 90_000 },
  async ({ sessions }) => {
    const auditProject = `audit${stamp}`;
    const alice = await sessions.signedIn('alice');
    await sessions.signedIn('bob');
    await callApi(alice.page, 'projects.create', { name: auditProject, description: '' });
    await callApi(alice.page, 'projects.members.add', {
      project: auditProject,
      usernames: ['bob'],
      role: 'member',
    });
    await callApi(alice.page, 'projects.members.setRole', {
      project: auditProject,
      username: 'bob',
      role: 'owner',
    });

    const admin = await sessions.signedIn('admin');
    await admin.page.goto(`/admin/audit?target=project&name=${auditProject}`);
    const table = admin.page.getByRole('table', { name: 'Audit events' });
    await expect
      .poll(() => table.textContent(), eventually)
      .toContain(`alice added bob to project ${auditProject} as Member`);
    const roleChange = table.getByRole('row').filter({
      hasText: `alice made bob Owner of project ${auditProject} (was Member)`,
    });
    const diff = roleChange.getByRole('list', { name: 'Changes' });
    expect(await diff.textContent()).toMatch(/role\s*member\s*→\s*owner/);
    expect(await table.textContent()).not.toContain('{');
    expect(await admin.page.getByLabel('What').inputValue()).toBe('project');
    await screenshot(admin.page, 'admin-audit-sentences');
  },
);
