import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';

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

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const cell = [
  'import sklearn',
  'from sklearn.linear_model import LinearRegression',
  'model = LinearRegression().fit([[1], [2], [3]], [2, 4, 6])',
  "print('sklearn', sklearn.__version__, 'predicts', round(float(model.predict([[4]])[0]), 2))",
].join('\n');

async function waitForStatus(page: Page, status: string) {
  await expect
    .poll(() => page.getByTestId('notebook-status').textContent(), {
      timeout: 30_000,
      interval: 250,
    })
    .toBe(status);
}

/** Clicks Open Jupyter and returns the new tab once Jupyter's page loaded in it. */
async function openJupyter(context: BrowserContext, page: Page): Promise<Page> {
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('notebook-open').click(),
  ]);
  await tab.waitForURL((url) => url.pathname.endsWith('/tree'));
  await tab.waitForLoadState('domcontentloaded');
  return tab;
}

test('alice runs scikit-learn in her notebook, stops and starts it keeping her file, and deletes it; bob cannot open it', async () => {
  const bob = await newPage(browser, stack.url);
  await signIn(bob.page, 'bob');
  const alice = await newPage(browser, stack.url);
  await signIn(alice.page, 'alice');
  const project = `nbe2e${Date.now().toString(36)}`;
  await callApi(alice.page, 'projects.create', { name: project, description: 'Notebook scenario' });
  await callApi(alice.page, 'projects.members.add', {
    project,
    usernames: ['bob'],
    role: 'member',
  });

  // Create through the form.
  await alice.page.goto(`/projects/${project}/notebooks`);
  await alice.page.getByRole('link', { name: 'Create notebook' }).first().click();
  await alice.page.waitForURL((url) => url.pathname.endsWith('/notebooks/new'));
  await expect
    .poll(() => alice.page.getByLabel('Instance type', { exact: true }).locator('option').count())
    .toBeGreaterThan(0);
  await expect
    .poll(() => alice.page.getByTestId('stop-time-policy').textContent())
    .toContain('Automatic stop');
  const name = `analysis-${Date.now().toString(36)}`;
  await alice.page.getByLabel('Name').fill(name);
  await alice.page.getByLabel('On start (runs at every start)').fill('echo "on-start says hello"');
  await screenshot(alice.page, 'notebook-create');
  await alice.page.getByRole('button', { name: 'Create notebook' }).click();
  await alice.page.waitForURL((url) => url.pathname === `/projects/${project}/notebooks/${name}`);
  await waitForStatus(alice.page, 'InService');
  await expect
    .poll(() => alice.page.getByTestId('logs').textContent(), { timeout: 10_000 })
    .toContain('[on-start] on-start says hello');
  await screenshot(alice.page, 'notebook-detail-inservice');

  // Open Jupyter in a new tab, write a notebook through Jupyter's API and run its cell in the classic UI.
  const jupyter = await openJupyter(alice.context, alice.page);
  // The proxy blanks the token Jupyter writes into its pages.
  expect(await jupyter.content()).toContain('data-jupyter-api-token=""');
  const saved = await jupyter.evaluate(
    async ({ base, source }) => {
      const notebook = {
        cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source }],
        metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      };
      const response = await fetch(`${base}/api/contents/analysis.ipynb`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'notebook', format: 'json', content: notebook }),
      });
      return response.status;
    },
    { base: `/notebooks/${name}`, source: cell },
  );
  expect(saved).toBe(201);
  await jupyter.goto(`/notebooks/${name}/notebooks/analysis.ipynb`);
  await jupyter.waitForFunction(
    () => {
      const kernel = (
        window as unknown as {
          Jupyter?: { notebook?: { kernel?: { is_connected?: () => boolean } } };
        }
      ).Jupyter?.notebook?.kernel;
      return kernel?.is_connected?.() === true;
    },
    undefined,
    { timeout: 30_000 },
  );
  await jupyter.locator('.CodeMirror').first().click();
  await jupyter.keyboard.press('Shift+Enter');
  await expect
    .poll(() => jupyter.locator('.output_area').first().textContent(), { timeout: 30_000 })
    .toMatch(/sklearn \d+\.\d+\.\d+ predicts 8\.0/);
  await screenshot(jupyter, 'notebook-jupyter-sklearn');
  await jupyter.keyboard.press('Control+s');
  await jupyter.close();

  // bob, a member of the project, is refused by the proxy.
  const refused = await bob.page.goto(`/notebooks/${name}/tree`);
  expect(refused?.status()).toBe(403);
  expect(await bob.page.textContent('body')).toContain("Only the notebook's creator may open it");
  await screenshot(bob.page, 'notebook-proxy-refused-bob');
  const refusedApi = await bob.page.evaluate(
    async (path) => (await fetch(path)).status,
    `/notebooks/${name}/api/contents`,
  );
  expect(refusedApi).toBe(403);

  // Stop, start, and the file is still there.
  await alice.page.getByTestId('notebook-stop').click();
  await waitForStatus(alice.page, 'Stopped');
  const whileStopped = await alice.context.request.get(`/notebooks/${name}/api/contents`);
  expect(whileStopped.status()).toBe(503);
  expect(await whileStopped.text()).toContain(`Notebook ${name} is Stopped`);
  await alice.page.getByTestId('notebook-start').click();
  await waitForStatus(alice.page, 'InService');
  const reopened = await openJupyter(alice.context, alice.page);
  await expect
    .poll(() => reopened.locator('#notebook_list').textContent(), { timeout: 15_000 })
    .toContain('analysis.ipynb');
  await screenshot(reopened, 'notebook-jupyter-tree-after-restart');
  await reopened.close();

  // My notebooks lists it (the main navigation's link: the project's tab and crumb are named so too).
  await alice.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Notebooks', exact: true })
    .click();
  await alice.page.waitForURL((url) => url.pathname === '/notebooks');
  await expect
    .poll(() => alice.page.getByRole('table', { name: 'My notebooks' }).textContent())
    .toContain(name);
  await screenshot(alice.page, 'notebooks-mine');
  await alice.page.getByRole('link', { name }).click();
  await waitForStatus(alice.page, 'InService');

  // Stop, then delete.
  await alice.page.getByTestId('notebook-stop').click();
  await waitForStatus(alice.page, 'Stopped');
  await alice.page.getByTestId('notebook-delete').click();
  await alice.page.getByRole('button', { name: 'Delete notebook' }).click();
  await alice.page.waitForURL((url) => url.pathname === `/projects/${project}/notebooks`);
  await expect
    .poll(() => alice.page.getByRole('table', { name: `Notebooks of ${project}` }).textContent())
    .toContain(`No notebooks in ${project} yet`);
  await screenshot(alice.page, 'notebooks-project-empty');

  expectNoBrowserErrors(alice.errors);
  await Promise.all([alice.context.close(), bob.context.close()]);
});
