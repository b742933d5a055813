// The e2e start-up every spec repeats, as vitest fixtures. A spec writes
//
//   import { e2e } from './support/fixtures';
//   e2e('alice creates a project', async ({ sessions }) => {
//     const alice = await sessions.signedIn('alice');
//     ...
//   });
//
// and gets one local stack and one Chromium per file (started together before its first test,
// stopped after its last), and browser contexts that are closed after each test, passed or not,
// with every page error and console error failing the test unless it said it expects it.
// File-level setup reads the same fixtures: `e2e.beforeAll(async ({ local }) => ...)`.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { launchBrowser, newPage, signIn } from './browser';
import { startStack, type RunningStack } from './stack';

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  /**
   * Errors matching `pattern` are part of what the test checks (the 401 a revoked session
   * answers, say); every other error still fails the test.
   */
  expectErrors(pattern: RegExp): void;
}

export interface Sessions {
  /** A fresh browser context signed in through the development IdP as `username`. */
  signedIn(username: string, password?: string): Promise<BrowserSession>;
  /** A fresh browser context that has not signed in. */
  anonymous(): Promise<BrowserSession>;
}

export const e2e = test
  // Settings the spec's server starts with; a spec changes them with
  // `e2e.override('stackEnv', { scope: 'file' }, { MLSPACE_SWEEP_INTERVAL_SECONDS: '2' })`.
  .extend('stackEnv', { scope: 'file' }, {} as Record<string, string>)
  .extend('local', { scope: 'file' }, async ({ stackEnv }, { onCleanup }) => {
    const [stack, browser]: [RunningStack, Browser] = await Promise.all([
      startStack(stackEnv),
      launchBrowser(),
    ]);
    onCleanup(async () => {
      await browser.close();
      await stack.stop();
    });
    return { stack, browser };
  })
  .extend('sessions', async ({ local }, { onCleanup }): Promise<Sessions> => {
    const opened: Array<{ session: BrowserSession; expected: RegExp[] }> = [];

    async function open(): Promise<BrowserSession> {
      const { context, page, errors } = await newPage(local.browser, local.stack.url);
      const expected: RegExp[] = [];
      const session = {
        context,
        page,
        errors,
        expectErrors: (pattern: RegExp) => void expected.push(pattern),
      };
      opened.push({ session, expected });
      return session;
    }

    onCleanup(async () => {
      await Promise.all(opened.map(({ session }) => session.context.close()));
      const unexpected = opened.flatMap(({ session, expected }) =>
        session.errors.filter((error) => !expected.some((pattern) => pattern.test(error))),
      );
      expect(unexpected, 'errors in the browser').toEqual([]);
    });

    return {
      anonymous: open,
      async signedIn(username, password) {
        const session = await open();
        await signIn(session.page, username, password);
        return session;
      },
    };
  });
