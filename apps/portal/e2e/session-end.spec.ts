import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import {
  expectNoBrowserErrors,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support/browser';
import { callApi } from './support/trpc-call';
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

/** Every request the page sends from now on, by path (`.data` included), for loop detection. */
function recordRequests(page: Page): { paths: string[]; urls: string[] } {
  const seen = { paths: [] as string[], urls: [] as string[] };
  page.on('request', (request) => {
    seen.urls.push(request.url());
    seen.paths.push(new URL(request.url()).pathname);
  });
  return seen;
}

/** A second browser holding a copy of the first one's MLSpace cookies, as a thief would. */
async function contextWithCopiedSession(from: BrowserContext): Promise<BrowserContext> {
  const copy = await browser.newContext({ baseURL: stack.url });
  const cookies = await from.cookies(stack.url);
  await copy.addCookies(cookies.filter((cookie) => cookie.name.startsWith('mlspace_')));
  return copy;
}

/** Light and dark, at the width of a laptop screen. */
async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.reload();
    await screenshot(page, `${name}-${scheme}`);
  }
}

test('a session lost during in-app navigation lands once on sign-in, not in a /signin.data loop, and returns to the page afterwards', async () => {
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  const thief = await contextWithCopiedSession(alice.context);
  const thiefPage = await thief.newPage();
  await thiefPage.goto('/');
  await thiefPage.getByRole('button', { name: 'Sign out' }).click();
  await thiefPage.waitForURL((url) => url.pathname === '/signin');
  const requests = recordRequests(alice.page);

  await alice.page.getByRole('link', { name: 'Jobs & models' }).click();
  await alice.page.waitForURL((url) => url.pathname === '/signin');
  await alice.page.waitForTimeout(2_000);

  const signInRequests = requests.paths.filter((path) => path.startsWith('/signin'));
  expect(signInRequests.length).toBeGreaterThanOrEqual(1);
  expect(signInRequests.length).toBeLessThanOrEqual(3);
  expect(Math.max(...requests.urls.map((url) => url.length))).toBeLessThan(500);
  expect(new URL(alice.page.url()).searchParams.get('returnTo')).toBe('/jobs');
  await expect
    .poll(() => alice.page.getByRole('heading', { level: 1 }).textContent())
    .toBe('Welcome to MLSpace');
  await screenshotBothThemes(alice.page, 'signin-after-lost-session');
  await alice.page.emulateMedia({ colorScheme: 'light' });

  await alice.page.getByRole('link', { name: 'Sign in' }).click();
  await alice.page.waitForURL((url) => url.pathname.startsWith('/idp') || url.pathname === '/jobs');
  if (new URL(alice.page.url()).pathname.startsWith('/idp')) {
    await alice.page.getByLabel('Username').fill('alice');
    await alice.page.getByLabel('Password').fill('mlspace');
    await alice.page.getByRole('button', { name: 'Sign in' }).click();
  }
  await alice.page.waitForURL((url) => url.pathname === '/jobs');
  expectNoBrowserErrors(alice.errors.filter((error) => !/401|Unauthorized/i.test(error)));
  await Promise.all([alice.context.close(), thief.close()]);
});

test("a suspended user's open tab lands once on the suspended page and then stays quiet", async () => {
  const bob = await newPage(browser, stack.url);
  await signIn(bob.page, 'bob');
  const admin = await newPage(browser, stack.url);
  await signIn(admin.page, 'admin');
  await callApi(admin.page, 'users.setSuspended', { username: 'bob', suspended: true });
  const requests = recordRequests(bob.page);

  await bob.page.getByRole('link', { name: 'Jobs & models' }).click();
  await bob.page.waitForURL((url) => url.pathname === '/suspended');
  await expect
    .poll(() => bob.page.getByRole('heading', { level: 1 }).textContent())
    .toBe('Your account is suspended');
  const landed = requests.paths.length;
  await bob.page.waitForTimeout(3_000);

  const suspendedRequests = requests.paths.filter((path) => path.startsWith('/suspended'));
  expect(suspendedRequests.length).toBeLessThanOrEqual(3);
  expect(requests.paths.filter((path) => path.startsWith('/signin'))).toEqual([]);
  expect(requests.paths.length - landed).toBeLessThanOrEqual(2);
  // The route's code chunks are fetched once and say nothing about a loop; count the rest.
  expect(requests.paths.filter((path) => !path.startsWith('/assets/')).length).toBeLessThan(15);
  expect(await bob.page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
  await screenshotBothThemes(bob.page, 'suspended-after-open-tab');

  await callApi(admin.page, 'users.setSuspended', { username: 'bob', suspended: false });
  await bob.page.reload();
  expect(new URL(bob.page.url()).pathname).toBe('/signin');
  expectNoBrowserErrors(admin.errors);
  await Promise.all([bob.context.close(), admin.context.close()]);
});

test('Back after sign-out shows sign-in, not the page as it was before', async () => {
  const carol = await newPage(browser, stack.url);
  await signIn(carol.page, 'carol');
  const jobsDocument = await carol.page.goto('/jobs');
  const jobsHeading = await carol.page.getByRole('heading', { level: 1 }).textContent();

  await carol.page.getByRole('button', { name: 'Sign out' }).click();
  await carol.page.waitForURL((url) => url.pathname === '/signin');
  await carol.page.goBack();

  await expect.poll(() => new URL(carol.page.url()).pathname).toBe('/signin');
  await expect
    .poll(() => carol.page.getByRole('heading', { level: 1 }).textContent())
    .toBe('Welcome to MLSpace');
  expect(jobsHeading).not.toBe('Welcome to MLSpace');
  expect(jobsDocument?.headers()['cache-control']).toBe('no-store');
  expect(await carol.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  await carol.context.close();
});

test("an admin signs a user out everywhere from the users page, and the user's open tab lands once on sign-in", async () => {
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  const admin = await newPage(browser, stack.url);
  await signIn(admin.page, 'admin');
  await admin.page.getByRole('link', { name: 'Users' }).click();
  await admin.page.getByLabel('Name, username or email').fill('alice');

  await admin.page.getByRole('button', { name: 'Sign out everywhere: alice' }).click();
  await admin.page.getByRole('button', { name: 'Sign alice out everywhere' }).click();
  await expect
    .poll(() => admin.page.getByRole('status').filter({ hasText: 'Every session' }).textContent())
    .toContain('Every session of alice has ended');
  const requests = recordRequests(alice.page);
  await alice.page.getByRole('link', { name: 'Jobs & models' }).click();
  await alice.page.waitForURL((url) => url.pathname === '/signin');
  await alice.page.waitForTimeout(1_000);

  expect(requests.paths.filter((path) => path.startsWith('/signin')).length).toBeLessThanOrEqual(3);
  expect(new URL(alice.page.url()).searchParams.get('returnTo')).toBe('/jobs');
  expectNoBrowserErrors(admin.errors);
  await Promise.all([alice.context.close(), admin.context.close()]);
});
