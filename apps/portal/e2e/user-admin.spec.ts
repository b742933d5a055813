import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 15_000 };

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

/** The page at both widths and in both themes, for the screenshots a reviewer looks at. */
async function screenshotsOf(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.reload();
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `${name}-${width}-${colorScheme}`);
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

e2e(
  "an admin opens a user's page, sees their projects and what they created, and deletes them; the user is signed out and their project keeps what they made",
  { timeout: 240_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const project = `people${stamp}`;
    await callApi(alice.page, 'projects.create', { name: project, description: 'People' });
    const carol = await sessions.signedIn('carol');
    await callApi(alice.page, 'projects.members.add', {
      project,
      usernames: ['carol'],
      role: 'member',
    });
    await callApi(carol.page, 'datasets.create', {
      scope: 'private',
      name: `notes${stamp}`,
      type: 'text',
    });

    const admin = await sessions.signedIn('admin');
    const page = admin.page;
    await page.goto('/admin/users');
    await page.getByRole('link', { name: 'Carol Danvers' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/users/carol');
    await expect.poll(() => page.getByRole('link', { name: project }).count(), eventually).toBe(1);
    await screenshotsOf(page, 'admin-user-detail');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Delete user' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('stays with the project');
    await screenshot(page, 'admin-user-delete-confirm');
    carol.expectErrors(/401|account/i);
    await dialog.getByRole('button', { name: 'Delete user carol' }).click();

    await page.waitForURL((url) => url.pathname === '/admin/users', eventually);
    await expect
      .poll(() => page.getByRole('link', { name: 'Carol Danvers' }).count(), eventually)
      .toBe(0);
    // Her open tab is signed out; the project she was a member of is still alice's.
    await carol.page.reload();
    await expect
      .poll(
        () =>
          new URL(carol.page.url()).pathname.startsWith('/signin') ||
          carol.page.url().includes('/idp'),
        eventually,
      )
      .toBe(true);
    const members = await callApi<{ items: { username: string }[] }>(
      alice.page,
      'projects.members.list',
      { project, limit: 25 },
      'query',
    );
    expect(members.items.map((member) => member.username)).toEqual(['alice']);

    // A personnel report lists who is left.
    await page.goto('/admin/reports');
    await page.getByRole('radio', { name: /Personnel/ }).check();
    await page.getByRole('button', { name: 'Generate report' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Personnel' }).count(), eventually)
      .toBe(1);
    await page.getByRole('radio', { name: /Resources of projects/ }).check();
    await expect
      .poll(() => page.getByRole('checkbox', { name: project }).count(), eventually)
      .toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotsOf(page, 'admin-reports-form');
  },
);
