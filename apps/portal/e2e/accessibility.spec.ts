// Every page of the portal, as an administrator who owns a project with something in each
// section: axe's WCAG 2.1 A and AA rules (contrast, labels, names, landmarks) in the light and the
// dark theme, and no sideways scrolling of the page at 1440, 1024 and 390 px (a wide table may
// scroll inside its own box; the page itself may not).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const project = 'a11yproject';
const group = 'a11ygroup';
const eventually = { timeout: 15_000 };

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')})`,
  );
}

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function setUp(page: Page) {
  await callApi(page, 'projects.create', { name: project, description: 'Accessibility checks' });
  await callApi(page, 'projects.members.add', { project, usernames: ['bob'], role: 'member' });
  await callApi(page, 'groups.create', { name: group, description: 'Accessibility checks' });
  await callApi(page, 'datasets.create', {
    scope: 'project',
    project,
    name: 'a11ydata',
    type: 'tabular',
    description: 'Accessibility checks',
  });
  // A row in the settings page's API tokens section and in the administrators' list of tokens.
  await callApi(page, 'apiTokens.create', { name: 'a11y script', scope: 'read', expiresInDays: 7 });
}

const pages = [
  '/',
  '/settings',
  '/notebooks',
  '/jobs',
  '/datasets',
  '/datasets/new',
  `/datasets/project/${project}/a11ydata`,
  '/projects/new',
  '/docs',
  '/docs/getting-started',
  `/groups/${group}`,
  `/projects/${project}`,
  `/projects/${project}/members`,
  `/projects/${project}/groups`,
  `/projects/${project}/settings`,
  `/projects/${project}/notebooks`,
  `/projects/${project}/notebooks/new`,
  ...['training', 'tuning', 'transform', 'models', 'endpoint-configs', 'endpoints'].flatMap(
    (section) => [`/projects/${project}/${section}`, `/projects/${project}/${section}/new`],
  ),
  ...['clusters', 'labeling'].flatMap((section) => [
    `/projects/${project}/${section}`,
    `/projects/${project}/${section}/new`,
  ]),
  `/projects/${project}/translate`,
  `/projects/${project}/translate/jobs`,
  `/projects/${project}/translate/jobs/new`,
  `/projects/${project}/translate/terminologies`,
  `/projects/${project}/playground`,
  `/projects/${project}/usage`,
  '/admin/users',
  '/admin/projects',
  '/admin/groups',
  '/admin/groups/new',
  '/admin/audit',
  '/admin/tokens',
  '/admin/reports',
  '/admin/usage',
  '/admin/config',
  '/admin/config/history',
  '/admin/deployment',
];

e2e(
  'every page meets WCAG AA in both themes and never scrolls sideways',
  async ({ sessions }) => {
    const bob = await sessions.signedIn('bob');
    await bob.page.close();
    const { page } = await sessions.signedIn('admin');
    await setUp(page);

    const findings: string[] = [];
    for (const pathname of pages) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.emulateMedia({ colorScheme });
        await page.goto(pathname);
        await page.locator('main').waitFor(eventually);
        // Let client queries settle, so the check sees the page as a person would.
        await expect
          .poll(() => page.locator('main').textContent(), eventually)
          .not.toMatch(/Loading…/);
        for (const violation of await axeViolations(page))
          findings.push(`${pathname} (${colorScheme}): ${violation}`);
      }
      for (const width of [1440, 1024, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const overflow = await sidewaysOverflow(page);
        if (overflow > 0)
          findings.push(`${pathname} at ${width} px scrolls sideways by ${overflow} px`);
      }
    }

    expect(findings).toEqual([]);
  },
  // About forty pages, each in two themes: seven to eight minutes on a shared 2-core machine.
  900_000,
);

e2e('the sign-in page meets WCAG AA in both themes', async ({ sessions }) => {
  const { page } = await sessions.anonymous();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto('/signin');
    expect(await axeViolations(page)).toEqual([]);
  }
});

e2e(
  'the navigation collapses behind a Menu button on a phone and closes on Escape',
  async ({ sessions }) => {
    const { page } = await sessions.signedIn('admin');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/');
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });

    expect(await nav.count()).toBe(0);
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('link', { name: 'Audit trail' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Menu');

    await menu.click();
    await nav.getByRole('link', { name: 'Datasets' }).click();
    await page.waitForURL((url) => url.pathname === '/datasets');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
  },
);

e2e('the admin menu works from the keyboard alone', async ({ sessions }) => {
  const { page } = await sessions.signedIn('admin');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  // The skip link comes first, and moves focus past the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
    'Skip to main content',
  );

  const admin = page.getByRole('button', { name: 'Admin' });
  // The button waits disabled until React owns the page, and a disabled button takes no focus.
  await expect.poll(() => admin.isEnabled(), eventually).toBe(true);
  await admin.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => admin.getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('Escape');
  await expect.poll(() => admin.getAttribute('aria-expanded')).toBe('false');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Admin');

  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Groups');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/admin/groups');
  await expect.poll(() => admin.getAttribute('aria-expanded')).toBe('false');
});

e2e(
  "a project's tab bar stays one row with the current section in sight, and its More menu works from the keyboard",
  async ({ sessions }) => {
    const { page } = await sessions.signedIn('admin');
    await callApi(page, 'projects.create', { name: 'a11ytabs', description: 'Tab bar checks' });
    const sections = page.getByRole('navigation', { name: 'Project sections' });
    const more = sections.getByRole('button', { name: 'More sections' });

    for (const width of [1440, 1024, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/projects/a11ytabs/settings');
      // Settings is in the menu at every width, yet the current section stays a visible tab.
      expect(
        await sections.getByRole('link', { name: 'Settings' }).getAttribute('aria-current'),
      ).toBe('page');
      const { height } = (await sections.boundingBox()) ?? { height: 0 };
      expect(height, `the tab bar's height at ${width} px`).toBeLessThan(60);
    }

    await page.setViewportSize({ width: 1440, height: 900 });
    for (const colorScheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto('/projects/a11ytabs');
      await more.click();
      await expect.poll(() => more.getAttribute('aria-expanded')).toBe('true');
      expect(await axeViolations(page), `the open menu (${colorScheme})`).toEqual([]);
    }

    await page.goto('/projects/a11ytabs');
    await expect.poll(() => more.isEnabled(), eventually).toBe(true);
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => more.getAttribute('aria-expanded')).toBe('true');
    expect(
      await sections.getByRole('group', { name: 'Project' }).getByRole('link').allTextContents(),
    ).toEqual(['Members', 'Groups', 'Usage', 'Settings']);
    await page.keyboard.press('Escape');
    await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('More');

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Translation');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/projects/a11ytabs/translate');
    await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false');
    expect(
      await sections.getByRole('link', { name: 'Translation' }).getAttribute('aria-current'),
    ).toBe('page');
  },
);
