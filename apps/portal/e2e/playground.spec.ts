import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
const project = `pg${stamp}`;
const endpoint = `chat-${stamp}`;
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 20_000 };
const slow = { timeout: 150_000, interval: 1_000 };

/**
 * A tiny text "model" in pure Python, served by MLSpace's local inference server as a real
 * process: it answers the playground's chat contract, echoing the last message (in capitals when
 * the system prompt asks to shout) and counting words as its tokens.
 */
const inferenceCode = `import json


def model_fn(model_dir):
    return {"greeting": "You said"}


def input_fn(body, content_type):
    return json.loads(body)


def predict_fn(data, model):
    messages = data["messages"]
    system = " ".join(m["content"] for m in messages if m["role"] == "system")
    last = [m["content"] for m in messages if m["role"] == "user"][-1]
    text = "%s: %s (turn %d)" % (model["greeting"], last, sum(1 for m in messages if m["role"] == "user"))
    if "shout" in system.lower():
        text = text.upper()
    words = sum(len(m["content"].split()) for m in messages)
    return {"text": text, "usage": {"inputTokens": words, "outputTokens": len(text.split())}}


def output_fn(prediction, accept):
    return json.dumps(prediction), "application/json"
`;

/** Uploads the inference code as a private dataset and returns the file's location. */
async function uploadInferenceCode(page: Page): Promise<string> {
  const name = `chatcode${stamp}`;
  await page.goto('/datasets/new');
  await page.getByLabel('Access level', { exact: true }).selectOption('private');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description', { exact: true }).fill('A tiny text model');
  await page.getByTestId('dataset-file-input').setInputFiles({
    name: 'inference.py',
    mimeType: 'text/x-python',
    buffer: Buffer.from(inferenceCode),
  });
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/${name}`));
  await expect
    .poll(() => page.getByRole('region', { name: 'Dataset Browser' }).textContent(), eventually)
    .toContain('inference.py');
  const folder = (await page.getByTestId('Location-value').textContent())!.trim();
  return `${folder.replace(/\/?$/, '/')}inference.py`;
}

async function endpointStatus(page: Page): Promise<string> {
  const detail = await callApi<{ endpoint: { status: string } }>(
    page,
    'endpoints.get',
    { name: endpoint },
    'query',
  );
  return detail.endpoint.status;
}

async function shots(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const)
    for (const width of [1440, 390]) {
      await page.emulateMedia({ colorScheme });
      // The theme is chosen when a page loads; this keeps the conversation on screen.
      await page.evaluate(
        (dark) => document.documentElement.classList.toggle('dark', dark),
        colorScheme === 'dark',
      );
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `playground-${name}-${width}-${colorScheme}`);
    }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => document.documentElement.classList.remove('dark'));
  await page.setViewportSize({ width: 1440, height: 900 });
}

e2e(
  'locally the playground says foundation models need AWS and converses with a text model the project serves on an endpoint; the owner sees the tokens used',
  { timeout: 300_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const { page } = alice;
    await callApi(page, 'projects.create', { name: project, description: 'Playground' });
    const inferenceCodeS3Uri = await uploadInferenceCode(page);
    await callApi(page, 'models.create', {
      project,
      name: endpoint,
      image: 'sklearn',
      inferenceCodeS3Uri,
    });
    await callApi(page, 'endpointConfigs.create', {
      project,
      name: endpoint,
      variants: [
        {
          variantName: 'AllTraffic',
          modelName: endpoint,
          instanceType: 'ml.m5.large',
          initialInstanceCount: 1,
        },
      ],
    });
    await callApi(page, 'endpoints.create', {
      project,
      name: endpoint,
      endpointConfigName: endpoint,
    });
    await expect.poll(() => endpointStatus(page), slow).toBe('InService');

    // The project's tab bar leads to the playground.
    await page.goto(`/projects/${project}`);
    await page
      .getByRole('navigation', { name: 'Project sections' })
      .getByRole('link', { name: 'Playground' })
      .click();
    await page.waitForURL(`**/projects/${project}/playground`);
    const notes = page.getByTestId('playground-notes');
    expect(await notes.textContent()).toContain(
      'Foundation models need AWS: Bedrock is not available in local mode.',
    );
    const answeredBy = page.getByLabel('Answered by', { exact: true });
    expect(await answeredBy.inputValue()).toBe(`endpoint:${endpoint}`);
    expect(await answeredBy.locator('optgroup[label="Foundation models (Bedrock)"]').count()).toBe(
      0,
    );

    // An empty message is refused under its field, before anything is sent.
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await page.getByTestId('playground-messages-0-content-problem').textContent()).toBe(
      'Message is empty.',
    );

    await page.getByLabel('System prompt', { exact: true }).fill('Please shout.');
    await page.getByLabel('Message', { exact: true }).fill('hello there');
    await page.getByRole('button', { name: 'Send' }).click();
    const replies = page.getByTestId('turn-assistant');
    await expect.poll(() => replies.count(), eventually).toBe(1);
    expect(await replies.first().textContent()).toContain('YOU SAID: HELLO THERE (TURN 1)');
    expect(await replies.first().getByTestId('turn-tokens').textContent()).toBe(
      '4 input tokens, 6 output tokens',
    );
    // The next message starts clean: no complaint about the field it just emptied.
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('');
    expect(await page.getByTestId('playground-messages-2-content-problem').count()).toBe(0);

    // The conversation goes on: the endpoint receives every turn (and Enter sends).
    await page.getByLabel('Message', { exact: true }).fill('and again');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await expect.poll(() => replies.count(), eventually).toBe(2);
    expect(await replies.nth(1).textContent()).toContain('YOU SAID: AND AGAIN (TURN 2)');
    expect(await page.getByTestId('playground-total').textContent()).toBe(
      'This conversation: 16 input tokens, 12 output tokens',
    );

    // The owner sees the month's usage: two requests of the endpoint, with their tokens.
    const usage = page.getByRole('table', { name: 'Model usage by member and model' });
    const row = usage.getByRole('row').filter({ hasText: endpoint });
    // The table refreshes after each reply; wait for the second one's counts.
    await expect
      .poll(
        async () => (await row.getByRole('cell').allTextContents()).map((cell) => cell.trim()),
        eventually,
      )
      .toEqual(['alice', `Endpoint ${endpoint}`, '2', '16', '12']);

    // The page passes axe's WCAG 2.1 AA rules with a conversation on it, in both themes.
    for (const dark of [false, true]) {
      await page.evaluate((on) => document.documentElement.classList.toggle('dark', on), dark);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(
        results.violations.map((violation) => `${violation.id}: ${violation.help}`),
        dark ? 'dark' : 'light',
      ).toEqual([]);
    }
    await shots(page, 'endpoint');

    await callApi(page, 'endpoints.delete', { name: endpoint });

    // The administrator's configuration says the same about foundation models here.
    const admin = (await sessions.signedIn('admin')).page;
    await admin.goto('/admin/config');
    const section = admin.getByRole('region', { name: 'Foundation models' });
    expect(await section.getByTestId('foundation-models-unavailable').textContent()).toContain(
      'Foundation models need AWS: Bedrock is not available in local mode.',
    );
    // Reports include the month's usage of every project.
    await admin.goto('/admin/reports');
    await admin.getByRole('radio', { name: /Foundation model usage/ }).check();
    await admin.getByRole('button', { name: 'Generate report' }).click();
    await expect
      .poll(() => admin.getByRole('status').allTextContents(), eventually)
      .toContainEqual(
        expect.stringMatching(
          /generated with 1 rows of usage: Foundation model usage in \d{4}-\d{2}\.$/,
        ),
      );

    await admin.goto('/admin/config');
    for (const colorScheme of ['light', 'dark'] as const)
      for (const width of [1440, 390]) {
        await admin.emulateMedia({ colorScheme });
        await admin.reload();
        await admin.setViewportSize({ width, height: 900 });
        await section.screenshot({
          path: `e2e/screenshots/playground-admin-config-${width}-${colorScheme}.png`,
        });
      }
  },
);
