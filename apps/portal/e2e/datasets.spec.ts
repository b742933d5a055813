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
const stamp = Date.now().toString(36);
const projectName = `Datasets${stamp}`;
const groupName = `Group${stamp}`;
const secondGroup = `Team${stamp}`;

const firstFile = {
  name: 'test_upload_file.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from('first file\n'),
};
const secondFile = {
  name: 'test_second_upload_file.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from('second file\n'),
};

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  // Everyone signs in once so their accounts exist; then alice creates the project and the admin the group.
  for (const username of ['bob', 'carol']) {
    const session = await newPage(browser, stack.url);
    await signIn(session.page, username);
    await session.context.close();
  }
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  await callApi(alice.page, 'projects.create', {
    name: projectName,
    description: 'Dataset scenarios',
  });
  await alice.context.close();
  const admin = await newPage(browser, stack.url);
  await signIn(admin.page, 'admin');
  await callApi(admin.page, 'groups.create', { name: groupName, description: 'Dataset sharing' });
  await callApi(admin.page, 'groups.addMembers', {
    name: groupName,
    usernames: ['alice', 'carol'],
  });
  await callApi(admin.page, 'groups.create', { name: secondGroup, description: 'A second team' });
  await callApi(admin.page, 'groups.addMembers', {
    name: secondGroup,
    usernames: ['alice', 'bob'],
  });
  await admin.context.close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The list's name filter reaches the URL after a pause in typing; wait until it has. */
async function filterList(page: Page, name: string) {
  await page.goto('/datasets');
  await page.getByLabel('Name contains').fill(name);
  await page.waitForURL((url) => url.searchParams.get('q') === name);
}

/** The reference's five steps for one access level (inventory 8.3), as alice. */
async function datasetLifecycle(type: 'Global' | 'Private' | 'Project' | 'Group') {
  const scope = type.toLowerCase();
  const name = `e2eTest${type}Dataset${stamp}`;
  const description = `${type} dataset test`;
  const { page, context, errors } = await newPage(browser, stack.url);
  await signIn(page, 'alice');

  // 1. Create
  await page.goto('/datasets');
  await page.getByRole('link', { name: 'Create dataset' }).first().click();
  await page.waitForURL('**/datasets/new');
  await page.getByLabel('Access level', { exact: true }).selectOption(scope);
  if (type === 'Project')
    await page.getByLabel('Project', { exact: true }).selectOption(projectName);
  if (type === 'Group') await page.getByRole('checkbox', { name: groupName }).check();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description', { exact: true }).fill(description);
  await page.getByTestId('dataset-file-input').setInputFiles(firstFile);
  await expect
    .poll(() => page.getByRole('list', { name: 'Files to upload' }).textContent())
    .toContain(firstFile.name);
  expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(name);
  expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe(description);
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/${name}`));
  await filterList(page, name);
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'Showing' }).textContent(), {
      timeout: 15_000,
    })
    .toBe('Showing 1–1 of 1');

  // 2. Details
  await page.getByRole('link', { name }).click();
  await expect.poll(() => page.getByTestId('Name-value').textContent()).toBe(name);
  expect(await page.getByTestId('Description-value').textContent()).toBe(description);
  const accessLevel = {
    Global: 'global',
    Private: 'private: alice',
    Project: `project: ${projectName}`,
    Group: `group: ${groupName}`,
  }[type];
  expect(await page.getByTestId('Access level-value').textContent()).toBe(accessLevel);
  expect(await page.getByTestId('Location-value').textContent()).toMatch(
    /^s3:\/\/mlspace-data\/.+\/datasets\/.+\/$/,
  );
  const browserSection = page.getByRole('region', { name: 'Dataset Browser' });
  await expect.poll(() => browserSection.textContent()).toContain(firstFile.name);
  await screenshot(page, `dataset-${scope}-details`);

  // 3. Delete a file
  await page.getByLabel('Filter files').fill(firstFile.name);
  await page.getByRole('checkbox', { name: `Select ${firstFile.name}` }).check();
  await browserSection.getByRole('button', { name: 'Delete 1 file' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete 1 file' }).click();
  await expect.poll(() => browserSection.textContent()).toContain('No Entries exist');
  await page.getByLabel('Filter files').fill('');

  // 4. Update the description, then upload a second file
  await page.getByRole('button', { name: 'Edit description' }).click();
  await page.getByRole('textbox', { name: 'Description' }).fill(`${description} Updated`);
  await page.getByRole('button', { name: 'Update dataset' }).click();
  await expect
    .poll(() => page.getByTestId('Description-value').textContent())
    .toBe(`${description} Updated`);
  await page.getByTestId('dataset-file-input').setInputFiles(secondFile);
  await page
    .getByRole('region', { name: 'Upload files' })
    .getByRole('button', { name: 'Upload', exact: true })
    .click();
  await expect.poll(() => browserSection.textContent()).toContain(secondFile.name);

  // 5. Delete the dataset
  await page.getByRole('button', { name: 'Delete dataset' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Delete dataset ${name}` })
    .click();
  await page.waitForURL((url) => url.pathname === '/datasets');
  await page.getByLabel('Name contains').fill(name);
  await expect
    .poll(() => page.getByText('Nothing matches these filters.').count(), { timeout: 15_000 })
    .toBe(1);
  expectNoBrowserErrors(errors);
  await context.close();
}

test('a global dataset: create, details, delete a file, update, delete', () =>
  datasetLifecycle('Global'));
test('a private dataset: create, details, delete a file, update, delete', () =>
  datasetLifecycle('Private'));
test('a project dataset: create, details, delete a file, update, delete', () =>
  datasetLifecycle('Project'));
test('a group dataset: create, details, delete a file, update, delete', () =>
  datasetLifecycle('Group'));

test("bob cannot read alice's private dataset", async () => {
  const name = `alicePrivate${stamp}`;
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  await callApi(alice.page, 'datasets.create', {
    scope: 'private',
    name,
    type: 'text',
    description: 'secret',
  });
  await alice.context.close();

  const bob = await newPage(browser, stack.url);
  await signIn(bob.page, 'bob');
  await filterList(bob.page, name);
  await expect
    .poll(() => bob.page.getByText('Nothing matches these filters.').count(), {
      timeout: 15_000,
    })
    .toBe(1);
  await bob.page.goto(`/datasets/private/alice/${name}`);
  await expect
    .poll(() => bob.page.getByRole('alert').textContent())
    .toBe('Only the creator may read a private dataset');
  await screenshot(bob.page, 'dataset-private-denied');
  await bob.context.close();
});

test('a group dataset appears for members of its group only', async () => {
  const name = `groupShared${stamp}`;
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  await callApi(alice.page, 'datasets.create', {
    scope: 'group',
    groups: [groupName],
    name,
    type: 'tabular',
    description: 'for the group',
  });
  await alice.context.close();

  const carol = await newPage(browser, stack.url);
  await signIn(carol.page, 'carol');
  await filterList(carol.page, name);
  await expect
    .poll(() => carol.page.getByRole('status').filter({ hasText: 'Showing' }).textContent(), {
      timeout: 15_000,
    })
    .toBe('Showing 1–1 of 1');
  await carol.page.getByRole('link', { name }).click();
  await expect
    .poll(() => carol.page.getByTestId('Access level-value').textContent())
    .toBe(`group: ${groupName}`);
  expect(await carol.page.getByRole('button', { name: 'Delete dataset' }).count()).toBe(0);
  expectNoBrowserErrors(carol.errors);
  await carol.context.close();

  const bob = await newPage(browser, stack.url);
  await signIn(bob.page, 'bob');
  await filterList(bob.page, name);
  await expect
    .poll(() => bob.page.getByText('Nothing matches these filters.').count(), {
      timeout: 15_000,
    })
    .toBe(1);
  await bob.page.goto(`/datasets/group/${name}`);
  await expect
    .poll(() => bob.page.getByRole('alert').textContent())
    .toBe('Only members of the groups a dataset is shared with may read it');

  // alice shares it with a second group of hers, which bob belongs to
  const sharing = await newPage(browser, stack.url);
  await signIn(sharing.page, 'alice');
  await sharing.page.goto(`/datasets/group/${name}`);
  const section = sharing.page.getByRole('region', { name: 'Sharing' });
  await section.getByRole('checkbox', { name: secondGroup }).check();
  await section.getByRole('button', { name: 'Save sharing' }).click();
  await expect
    .poll(() => sharing.page.getByTestId('Access level-value').textContent())
    .toBe(`group: ${groupName}, ${secondGroup}`);
  await screenshot(sharing.page, 'dataset-group-sharing');
  expectNoBrowserErrors(sharing.errors);
  await sharing.context.close();

  await filterList(bob.page, name);
  await expect
    .poll(() => bob.page.getByRole('status').filter({ hasText: 'Showing' }).textContent(), {
      timeout: 15_000,
    })
    .toBe('Showing 1–1 of 1');
  await bob.context.close();
});

test('a file over 16 MB goes up in parts with progress, and downloads back', async () => {
  const name = `bigUpload${stamp}`;
  const { page, context, errors } = await newPage(browser, stack.url);
  await signIn(page, 'alice');
  await page.goto('/datasets/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  const big = Buffer.alloc(17 * 1024 * 1024, 7);
  await page
    .getByTestId('dataset-file-input')
    .setInputFiles([
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: big },
      firstFile,
    ]);
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/${name}`));
  const browserSection = page.getByRole('region', { name: 'Dataset Browser' });
  await expect.poll(() => browserSection.textContent()).toContain('big.bin17 MB');
  await screenshot(page, 'dataset-big-upload');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download ${firstFile.name}` }).click();
  expect((await download).suggestedFilename()).toBe(firstFile.name);
  expectNoBrowserErrors(errors);
  await context.close();
});
