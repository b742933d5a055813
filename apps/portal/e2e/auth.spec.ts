import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';

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

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('a user signs in through the identity provider and sees the dashboard', async () => {
  const { page, context, errors } = await newPage(browser, stack.url);

  await signIn(page, 'alice');

  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toContain('Welcome, Alice');
  await screenshot(page, 'dashboard-alice');
  expectNoBrowserErrors(errors);
  await context.close();
});

test('a wrong password keeps the user on the identity provider page with an explanation', async () => {
  const { page, context } = await newPage(browser, stack.url);
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in' }).click();

  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect.poll(() => page.textContent('body')).toContain('Wrong username or password');
  await context.close();
});

test('an admin suspends bob, who then sees only the suspended page', async () => {
  const bobFirst = await newPage(browser, stack.url);
  await signIn(bobFirst.page, 'bob');
  await bobFirst.context.close();

  const admin = await newPage(browser, stack.url);
  await signIn(admin.page, 'admin');
  await admin.page.getByRole('link', { name: 'Users' }).click();
  await admin.page.getByLabel('Name, username or email').fill('bob');
  await admin.page.getByRole('button', { name: 'Suspend bob' }).click();
  await admin.page.getByRole('dialog').getByRole('button', { name: 'Suspend bob' }).click();
  await expect
    .poll(() => admin.page.getByRole('button', { name: 'Reactivate bob' }).count(), {
      timeout: 10_000,
    })
    .toBe(1);
  await screenshot(admin.page, 'admin-users');
  expectNoBrowserErrors(admin.errors);

  const bob = await newPage(browser, stack.url);
  await signIn(bob.page, 'bob');
  await expect.poll(() => new URL(bob.page.url()).pathname).toBe('/suspended');
  await expect
    .poll(() => bob.page.getByRole('heading', { level: 1 }).textContent())
    .toBe('Your account is suspended');
  await bob.page.goto('/settings');
  expect(new URL(bob.page.url()).pathname).toBe('/suspended');
  const apiStatus = await bob.page.evaluate(
    async () => (await fetch('/api/trpc/users.list?input=%7B%7D')).status,
  );
  expect(apiStatus).toBe(403);
  await screenshot(bob.page, 'suspended-bob');
  await Promise.all([admin.context.close(), bob.context.close()]);
});

test('signing out ends the session at MLSpace and at the identity provider', async () => {
  const { page, context, errors } = await newPage(browser, stack.url);
  await signIn(page, 'carol');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/signin');
  await expect.poll(() => page.getByRole('status').textContent()).toContain('You are signed out');

  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByLabel('Password').count()).toBe(1);
  expectNoBrowserErrors(errors);
  await context.close();
});
