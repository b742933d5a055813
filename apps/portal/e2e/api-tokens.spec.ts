import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 15_000 };

async function whoAmI(baseUrl: string, token: string) {
  const response = await fetch(`${baseUrl}/api/trpc/me.get`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.text() };
}

e2e(
  'a user creates an API token on the settings page, calls the API with it, revokes it and is refused with 401',
  { timeout: 180_000 },
  async ({ sessions, local }) => {
    const alice = await sessions.signedIn('alice');
    const page = alice.page;
    await alice.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const project = `tokens${Date.now().toString(36)}`;
    await callApi(page, 'projects.create', { name: project, description: 'Tokens' });
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'API tokens' });
    await expect
      .poll(() => section.getByText('You have no API tokens.').count(), eventually)
      .toBe(1);

    await section.getByLabel('Token name').fill('e2e script');
    await section.getByLabel('Read and write: also create, change and delete').check();
    await section.getByLabel('Expires after (days)').fill('7');
    await section.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('new-token');
    await expect.poll(() => shown.count(), eventually).toBe(1);
    const token = (await shown.textContent())?.trim() ?? '';
    expect(token).toMatch(/^mls_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByText('it will not be shown again').count()).toBe(1);
    await screenshot(page, 'api-tokens-created');
    await section.getByRole('button', { name: 'Copy token' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    const used = await whoAmI(local.stack.url, token);
    expect(used.status).toBe(200);
    expect(used.body).toContain('"username":"alice"');
    const row = section.getByRole('row', { name: /e2e script/ });
    await page.reload();
    await expect.poll(() => row.textContent(), eventually).toContain('Read and write');
    expect(await row.textContent()).not.toContain('Never');
    expect(await page.getByTestId('new-token').count()).toBe(0);

    for (const [width, colorScheme] of [
      [1440, 'light'],
      [1440, 'dark'],
      [390, 'light'],
      [390, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      // The theme follows the system's scheme when the page loads.
      await page.reload();
      await expect.poll(() => row.textContent(), eventually).toContain('Read and write');
      expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(
        colorScheme === 'dark',
      );
      await screenshot(page, `api-tokens-settings-${width}-${colorScheme}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    await section.getByRole('button', { name: 'Revoke e2e script' }).click();
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.getByRole('heading', { name: 'Revoke e2e script?' }).count(), eventually)
      .toBe(1);
    await dialog.getByRole('button', { name: 'Revoke e2e script' }).click();
    await expect.poll(() => row.textContent(), eventually).toContain('Revoked');

    const refused = await whoAmI(local.stack.url, token);
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('This API token was revoked on');
  },
);
