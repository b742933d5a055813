import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e, type Sessions } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 15_000 };
const firstSignInHelp = 'People appear in this list only after their first sign-in to MLSpace.';

const picker = (page: Page) => page.getByRole('combobox', { name: 'Search users' });
const focusedName = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
  );

async function axeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

async function signInOnce(sessions: Sessions, username: string) {
  const first = await sessions.signedIn(username);
  await first.page.close();
}

/** Types into the picker and waits until the list of matches is open. */
async function openPickerOn(page: Page, text: string) {
  await picker(page).focus();
  await page.keyboard.type(text);
  await expect.poll(() => picker(page).getAttribute('aria-expanded'), eventually).toBe('true');
}

e2e(
  'a project owner adds a member with the keyboard alone, and the picker says people appear after their first sign-in',
  { timeout: 180_000 },
  async ({ sessions }) => {
    // bob and carol sign in once, so that MLSpace knows them.
    for (const username of ['bob', 'carol']) await signInOnce(sessions, username);
    const alice = await sessions.signedIn('alice');
    const project = `people${stamp}`;
    await callApi(alice.page, 'projects.create', { name: project, description: 'People' });
    const page = alice.page;
    await page.goto(`/projects/${project}/members`);
    await expect.poll(() => page.getByText(firstSignInHelp).isVisible(), eventually).toBe(true);

    // Someone who never signed in: the empty result says why.
    await picker(page).focus();
    await page.keyboard.type('zz-nobody');
    await expect
      .poll(() => page.getByText("No signed-in user matches 'zz-nobody'.").count(), eventually)
      .toBe(1);
    expect(await page.getByText('People appear here after they first sign in.').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await picker(page).inputValue()).toBe('');

    // Escape closes the list and keeps the text.
    await openPickerOn(page, 'bo');
    await page.keyboard.press('Escape');
    expect(await picker(page).getAttribute('aria-expanded')).toBe('false');
    expect(await picker(page).inputValue()).toBe('bo');

    // ArrowDown reopens the list and makes bob the active option, focus staying in the field.
    await page.keyboard.press('ArrowDown');
    expect(await picker(page).getAttribute('aria-expanded')).toBe('true');
    const activeId = await picker(page).getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    expect(await page.locator(`[id="${activeId}"]`).textContent()).toContain('bob');
    expect(await page.locator(`[id="${activeId}"]`).getAttribute('aria-selected')).toBe('true');
    expect(await picker(page).getAttribute('aria-controls')).toBe(
      await page.getByRole('listbox', { name: 'Matching users' }).getAttribute('id'),
    );
    expect(await axeViolations(page, 'main')).toEqual([]);

    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('button', { name: 'Unselect bob' }).count(), eventually)
      .toBe(1);
    expect(await picker(page).inputValue()).toBe('');
    expect(await picker(page).getAttribute('aria-expanded')).toBe('false');

    // The chip is reachable from the field with Shift+Tab, and Tab comes back.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Unselect bob');
    await page.keyboard.press('Tab');
    expect(await picker(page).evaluate((input) => input === document.activeElement)).toBe(true);

    // Tab leaves the field: the role, then the add button, pressed with Enter.
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Role for new members');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toContain('Add 1 user');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('button', { name: 'Remove bob' }).count(), eventually)
      .toBe(1);
    expect(await page.getByRole('table', { name: 'Members' }).textContent()).toContain('bob');

    // The open picker, at every width and in both themes, for the user guide.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.reload();
        await openPickerOn(page, 'car');
        await page.keyboard.press('ArrowDown');
        await screenshot(page, `people-picker-open-${width}-${colorScheme}`);
      }
    }
    // The picker in the dark theme, open (the members table below has its own contrast work).
    expect(await axeViolations(page, 'section[aria-labelledby="add-members"]')).toEqual([]);
  },
);

e2e(
  'an administrator suspending a user is asked first, naming the user: Cancel keeps them active, confirming suspends them',
  { timeout: 120_000 },
  async ({ sessions }) => {
    await signInOnce(sessions, 'carol');
    const admin = await sessions.signedIn('admin');
    const page = admin.page;
    await page.goto('/admin/users');
    const carolRow = page.getByRole('row', { name: /carol/ });
    await expect.poll(() => carolRow.textContent(), eventually).toContain('Active');

    await page.getByRole('button', { name: 'Suspend carol' }).click();
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.getByRole('heading', { name: 'Suspend carol?' }).count(), eventually)
      .toBe(1);
    expect(await dialog.textContent()).toContain(
      'carol is signed out everywhere and cannot use MLSpace until an administrator reactivates them.',
    );
    await screenshot(page, 'people-suspend-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible(), eventually).toBe(false);
    await page.reload();
    await expect.poll(() => carolRow.textContent(), eventually).toContain('Active');
    expect(await carolRow.textContent()).not.toContain('Suspended');

    await page.getByRole('button', { name: 'Suspend carol' }).click();
    await dialog.getByRole('button', { name: 'Suspend carol' }).click();
    await expect.poll(() => carolRow.textContent(), eventually).toContain('Suspended');
    expect(await page.getByRole('button', { name: 'Reactivate carol' }).count()).toBe(1);
  },
);
