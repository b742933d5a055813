import { readFile } from 'node:fs/promises';

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
/** Apertium's server starts on the first translation, on a machine shared with other work. */
const eventually = { timeout: 90_000, interval: 500 };

/** Uploads text into a project dataset the way the dataset page does: a presigned PUT. */
async function upload(page: Page, project: string, dataset: string, name: string, body: string) {
  const { url } = await callApi<{ url: string }>(page, 'datasets.startUpload', {
    ref: { scope: 'project', scopeId: project, name: dataset },
    fileName: name,
    size: Buffer.byteLength(body),
  });
  const status = await page.evaluate(
    async ({ url, body }) => (await fetch(url, { method: 'PUT', body })).status,
    { url, body },
  );
  expect(status).toBe(200);
}

const output = (page: Page) => page.getByTestId('translation-output').textContent();

e2e(
  'a member translates a sentence, imports a terminology and sees it applied, and runs a batch job over text and HTML whose translated file opens',
  { timeout: 600_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const page = alice.page;
    const project = `translate${stamp}`;
    await callApi(page, 'projects.create', { name: project, description: 'Translation' });
    for (const name of ['docs', 'spanish'])
      await callApi(page, 'datasets.create', {
        scope: 'project',
        project,
        name,
        type: 'text',
        description: 'Translation',
      });
    await upload(page, project, 'docs', 'notes.txt', 'The files are in the folder.\n');
    await upload(
      page,
      project,
      'docs',
      'page.html',
      '<html><body><h1>Hello world</h1><p>The team saved the files.</p></body></html>',
    );
    await upload(page, project, 'docs', 'slides.pptx', 'not a deck');

    // Real time: the engine says what it is and what it cannot do.
    await page.goto(`/projects/${project}/translate`);
    await expect
      .poll(() => page.getByTestId('translation-engine-note').textContent())
      .toMatch(/Apertium translates .*en → es.*Formality and profanity masking are not supported/);
    await page.getByLabel('Source language').selectOption('en');
    await page.getByLabel('Target language').selectOption('es');
    await page.getByLabel('Text', { exact: true }).fill('The files are in the folder.');
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    await expect.poll(() => output(page), eventually).toMatch(/carpeta/);
    expect(await output(page)).not.toMatch(/archivos/);
    await screenshot(page, 'translation-realtime');

    // A terminology says how "files" is translated.
    await page.getByRole('link', { name: 'Terminologies' }).click();
    await page.getByLabel('Name', { exact: true }).fill(`storage${stamp}`);
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'storage.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('en,es\nfiles,archivos\n'),
    });
    await page.getByRole('button', { name: 'Import terminology' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Terminologies' }).textContent())
      .toContain(`storage${stamp}`);
    await page.getByRole('button', { name: `storage${stamp}` }).click();
    await expect
      .poll(() => page.getByTestId(`terminology-entries-storage${stamp}`).textContent())
      .toContain('archivos');
    await screenshot(page, 'translation-terminologies');

    await page.getByRole('link', { name: 'Real-time' }).click();
    await page.getByLabel('Source language').selectOption('en');
    await page.getByLabel('Target language').selectOption('es');
    await page.getByLabel('Text', { exact: true }).fill('The files are in the folder.');
    await page.getByLabel('Terminology').selectOption(`storage${stamp}`);
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    await expect.poll(() => output(page), eventually).toMatch(/archivos/);
    expect(await page.getByText('Terminology matches: files → archivos').count()).toBe(1);

    // A batch job over the dataset: text and HTML translated, the deck refused with its reason.
    await page.getByRole('link', { name: 'Batch jobs' }).click();
    await page.getByRole('link', { name: 'Create batch job' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('docs-es');
    const documents = 'Documents (a dataset, or a folder in one)';
    await page.getByLabel(documents, { exact: true }).selectOption('project');
    await page.getByLabel(`${documents}: dataset`).selectOption({ label: 'docs' });
    await page.getByLabel('Output location', { exact: true }).selectOption('project');
    await page.getByLabel('Output location: dataset').selectOption({ label: 'spanish' });
    await page.getByLabel('Source language').selectOption('en');
    await page.getByLabel('Spanish (es)').check();
    await page.getByLabel('Terminology').selectOption(`storage${stamp}`);
    await page.getByRole('button', { name: 'Create batch job' }).click();
    await page.waitForURL((url) => url.pathname === `/projects/${project}/translate/jobs/docs-es`);
    await expect
      .poll(() => page.getByTestId('detail-status').textContent(), eventually)
      .toBe('Completed');
    expect(await page.getByTestId('translation-documents').textContent()).toBe(
      '2 of 3 translated, 1 failed',
    );
    expect(await page.getByTestId('translation-failures').textContent()).toMatch(
      /slides\.pptx: \.pptx is not a type Apertium translates here/,
    );
    await expect
      .poll(() => page.getByRole('list', { name: 'Output files' }).textContent(), eventually)
      .toContain('docs-es/es/page.html');
    await screenshot(page, 'translation-job');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download docs-es/es/page.html' }).click(),
    ]);
    const translated = await readFile(await download.path(), 'utf8');
    expect(translated).toMatch(/<h1>Hola [Mm]undo<\/h1>/);
    expect(translated).toMatch(/archivos/);
  },
);
