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

let stack: RunningStack;
let browser: Browser;
const projectName = `e2eTest${Date.now().toString(36)}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const projectCard = (page: Page) =>
  page.getByRole('list', { name: 'My projects' }).getByRole('link', { name: projectName });

async function confirmInDialog(page: Page, action: string) {
  await page.getByRole('button', { name: action }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: new RegExp(`${projectName}\\?$`) }).isVisible())
    .toBe(true);
  await page.getByRole('dialog').getByRole('button', { name: action }).click();
}

test(
  'the project scenario: create, add and remove a member, suspend, reinstate, suspend and delete',
  { timeout: 120_000 },
  async () => {
    // bob signs in once so that he is a registered user alice can add.
    const bobFirst = await newPage(browser, stack.url);
    await signIn(bobFirst.page, 'bob');
    await bobFirst.context.close();

    const alice = await newPage(browser, stack.url);
    await signIn(alice.page, 'alice');
    await alice.page.getByRole('link', { name: 'Create project' }).click();
    await alice.page.waitForURL((url) => url.pathname === '/projects/new');
    await alice.page.getByLabel('Name').fill('no!');
    await alice.page.getByLabel('Name').blur();
    await expect
      .poll(() => alice.page.locator('#project-name-help').textContent())
      .toContain('letters and digits only');
    await screenshot(alice.page, 'project-create-invalid');
    await alice.page.getByLabel('Name').fill(projectName);
    await alice.page.getByLabel('Description').fill('End-to-end test project');
    await alice.page.getByRole('button', { name: 'Create project' }).click();
    await alice.page.waitForURL((url) => url.pathname === `/projects/${projectName}`);
    await expect
      .poll(() => alice.page.getByRole('heading', { level: 1 }).textContent())
      .toBe(projectName);
    await screenshot(alice.page, 'project-overview');

    await alice.page.goto('/');
    await expect.poll(() => projectCard(alice.page).count()).toBe(1);
    await expect.poll(() => projectCard(alice.page).textContent()).toContain('Owner');
    await screenshot(alice.page, 'dashboard-with-project');

    await alice.page.goto(`/projects/${projectName}/members`);
    await alice.page.getByLabel('Search users').fill('bob');
    await alice.page.getByRole('option', { name: /bob/ }).click();
    await alice.page.getByRole('button', { name: 'Add 1 user' }).click();
    await expect.poll(() => alice.page.getByRole('button', { name: 'Remove bob' }).count()).toBe(1);
    await screenshot(alice.page, 'project-members');

    const bob = await newPage(browser, stack.url);
    await signIn(bob.page, 'bob');
    await expect.poll(() => projectCard(bob.page).count()).toBe(1);
    await expect.poll(() => projectCard(bob.page).textContent()).toContain('Member');

    await alice.page.getByRole('button', { name: 'Remove bob' }).click();
    await alice.page.getByRole('dialog').getByRole('button', { name: 'Remove bob' }).click();
    await expect.poll(() => alice.page.getByRole('button', { name: 'Remove bob' }).count()).toBe(0);
    await bob.page.reload();
    await expect
      .poll(() => bob.page.getByText('You are not a member of any project yet.').count())
      .toBe(1);
    expect(await projectCard(bob.page).count()).toBe(0);
    expectNoBrowserErrors(bob.errors);
    await bob.context.close();

    await alice.page.goto(`/projects/${projectName}/settings`);
    await confirmInDialog(alice.page, 'Suspend project');
    await expect
      .poll(() => alice.page.getByRole('status').textContent())
      .toBe(`Project ${projectName} suspended.`);
    await expect
      .poll(() => alice.page.getByRole('button', { name: 'Delete project' }).count())
      .toBe(1);
    await screenshot(alice.page, 'project-suspended');

    await confirmInDialog(alice.page, 'Reinstate project');
    await expect
      .poll(() => alice.page.getByRole('status').textContent())
      .toBe(`Project ${projectName} reinstated.`);
    await expect
      .poll(() => alice.page.getByRole('button', { name: 'Delete project' }).count())
      .toBe(0);

    await confirmInDialog(alice.page, 'Suspend project');
    await expect
      .poll(() => alice.page.getByRole('status').textContent())
      .toBe(`Project ${projectName} suspended.`);
    await alice.page.reload();
    await confirmInDialog(alice.page, 'Delete project');
    await alice.page.waitForURL((url) => url.pathname === '/');
    await expect
      .poll(() => alice.page.getByRole('status').textContent())
      .toBe(`Project ${projectName} deleted.`);
    await expect.poll(() => projectCard(alice.page).count()).toBe(0);
    await screenshot(alice.page, 'dashboard-after-delete');
    expectNoBrowserErrors(alice.errors);
    await alice.context.close();
  },
);

test("carol cannot open alice's project by URL and is told why", { timeout: 60_000 }, async () => {
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  const privateProject = `${projectName}b`;
  await alice.page.goto('/projects/new');
  await alice.page.getByLabel('Name').fill(privateProject);
  await alice.page.getByRole('button', { name: 'Create project' }).click();
  await alice.page.waitForURL((url) => url.pathname === `/projects/${privateProject}`);
  await alice.context.close();

  const carol = await newPage(browser, stack.url);
  await signIn(carol.page, 'carol');
  await carol.page.goto(`/projects/${privateProject}`);
  await expect
    .poll(() => carol.page.getByRole('heading', { level: 1 }).textContent())
    .toBe('You cannot open this project');
  expect(await carol.page.getByRole('alert').textContent()).toContain(
    `You are not a member of project '${privateProject}'`,
  );
  expect(await carol.page.getByText('Members').count()).toBe(0);
  await screenshot(carol.page, 'project-not-allowed');
  // The only console noise allowed is the browser's note about the 403 response itself.
  expect(carol.errors.filter((error) => !/403|Forbidden/i.test(error))).toEqual([]);
  await carol.context.close();
});

test(
  'an admin creates a group, sees every project and reads the audit trail',
  { timeout: 60_000 },
  async () => {
    const admin = await newPage(browser, stack.url);
    await signIn(admin.page, 'admin');
    const groupName = `team${Date.now().toString(36)}`;

    await admin.page.goto('/admin/groups/new');
    await admin.page.getByLabel('Name').fill(groupName);
    await admin.page.getByLabel('Search users').fill('carol');
    await admin.page.getByRole('option', { name: /carol/ }).click();
    await admin.page.getByRole('button', { name: 'Create group' }).click();
    await admin.page.waitForURL((url) => url.pathname === `/groups/${groupName}`);
    await expect
      .poll(() => admin.page.getByRole('button', { name: 'Remove carol from the group' }).count())
      .toBe(1);
    await expect
      .poll(() => admin.page.getByRole('table', { name: 'Membership history' }).textContent())
      .toContain('Added');
    await screenshot(admin.page, 'group-detail');

    await admin.page.goto('/admin/projects');
    await expect
      .poll(() => admin.page.getByRole('table', { name: 'All projects' }).textContent())
      .toContain(`${projectName}b`);
    await screenshot(admin.page, 'admin-projects');

    await admin.page.goto('/admin/audit');
    await admin.page.getByLabel('What').selectOption('group');
    await admin.page.getByLabel('Name', { exact: true }).fill(groupName);
    await expect
      .poll(() => admin.page.getByRole('table', { name: 'Audit events' }).textContent(), {
        timeout: 15_000,
      })
      .toContain(`admin added carol to group ${groupName}`);
    await screenshot(admin.page, 'admin-audit');
    expectNoBrowserErrors(admin.errors);
    await admin.context.close();
  },
);
