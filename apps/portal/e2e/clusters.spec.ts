import { spawn } from 'node:child_process';

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
/** The machine is shared and Dask imports slowly on it: give the cluster time to start. */
const clusterStart = { timeout: 180_000, interval: 1_000 };

const statusOf = (page: Page) => page.getByTestId('detail-status').textContent();

/**
 * A notebook-side Dask client: it connects with the address the cluster page shows, keeps a slow
 * task running on a worker (so the page can show it), then sums across both workers.
 */
const clientScript = `
import sys, time
from distributed import Client
client = Client(sys.argv[1], timeout=60)
slow = client.submit(time.sleep, 25, key="e2e-slow-task", pure=False)
parts = client.map(lambda n: n * n, range(10), pure=False)
print("SUM", sum(client.gather(parts)), flush=True)
slow.result()
client.close()
`;

e2e(
  'a member creates a local Dask cluster, a notebook attached to it and a client with its address compute on it, the page shows the task, and the schedule terminates it',
  { timeout: 600_000 },
  async ({ sessions }) => {
    const alice = await sessions.signedIn('alice');
    const page = alice.page;
    const project = `clusters${stamp}`;
    await callApi(page, 'projects.create', { name: project, description: 'Dask' });

    await page.goto(`/projects/${project}/clusters`);
    await expect
      .poll(() => page.getByTestId('cluster-engine-note').textContent())
      .toMatch(/Spark applications run only on AWS/);
    await page.getByRole('link', { name: 'Create cluster' }).first().click();
    await page.getByLabel('Name').fill('dask-e2e');
    await page.getByLabel('Cluster type', { exact: true }).selectOption('Small');
    await page.getByLabel("Keep the cluster type's size").check();
    await screenshot(page, 'cluster-create');
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await page.waitForURL((url) => url.pathname === `/projects/${project}/clusters/dask-e2e`);
    await expect.poll(() => statusOf(page), clusterStart).toBe('Waiting');

    // Attached at create, the notebook's on-start script computes with Client() alone: the
    // scheduler's address reached it as DASK_SCHEDULER_ADDRESS.
    await callApi(page, 'notebooks.create', {
      project,
      name: 'nb-dask',
      instanceType: 'ml.t3.medium',
      clusterName: 'dask-e2e',
      lifecycle: {
        onStart:
          '/usr/bin/python3 -c "from distributed import Client; c = Client(timeout=60); print(c.submit(sum, [1, 2, 3]).result())" > dask-result.txt',
      },
    });
    await expect
      .poll(
        async () =>
          (
            await callApi<{ notebook: { status: string } }>(
              page,
              'notebooks.get',
              { name: 'nb-dask' },
              'query',
            )
          ).notebook.status,
        clusterStart,
      )
      .toBe('InService');
    const computed = await alice.context.request.get(
      '/notebooks/nb-dask/api/contents/dask-result.txt?content=1',
    );
    expect(((await computed.json()) as { content: string }).content.trim()).toBe('6');

    const address = (await page.getByTestId('cluster-address').textContent())?.trim() ?? '';
    expect(address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    await expect.poll(() => page.getByTestId('cluster-snippet').textContent()).toContain(address);
    const client = spawn('/usr/bin/python3', ['-c', clientScript, address], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    client.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    client.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => output, clusterStart).toContain('SUM 285');
      // The page reads the scheduler: the slow task runs on one of the two workers.
      await expect
        .poll(async () => (await page.getByTestId('running-tasks').allTextContents()).join(' '), {
          timeout: 20_000,
        })
        .toContain('e2e-slow-task');
      expect(await page.getByTestId('cluster-instance').count()).toBe(3);
      await expect
        .poll(() => page.locator('section', { hasText: 'Logs' }).textContent())
        .toContain('[scheduler]');
      await screenshot(page, 'cluster-detail-running');
    } finally {
      client.kill();
    }

    // The cluster's termination time passes; the sweep (every minute locally) terminates it.
    await callApi(page, 'resources.reschedule', {
      kind: 'emrCluster',
      name: 'dask-e2e',
      terminateAt: new Date(Date.now() + 5_000).toISOString(),
    });
    await expect
      .poll(() => statusOf(page), { timeout: 150_000, interval: 2_000 })
      .toBe('Terminated');
    await expect
      .poll(() => page.getByTestId('state-change-reason').textContent())
      .toMatch(/Terminated at its scheduled termination time/);
    await page.goto(`/projects/${project}/clusters`);
    await expect
      .poll(() => page.getByRole('row', { name: /dask-e2e/ }).textContent())
      .toContain('Terminated');
    await screenshot(page, 'cluster-list');
  },
);

e2e(
  "the administrator's cluster-type editor names an instance type the catalogue does not know and a core count outside the auto-scaling limits",
  { timeout: 120_000 },
  async ({ sessions }) => {
    const admin = await sessions.signedIn('admin');
    const page = admin.page;
    await page.goto('/admin/config');
    await page.getByLabel('Cluster type 1 core type').fill('m5.gigantic');
    await page.getByLabel('Cluster type 2 core count').fill('40');
    const problems = page.getByRole('list', { name: 'EMR settings problems' });
    await expect
      .poll(() => problems.textContent())
      .toContain(
        "Cluster type 1 core type: m5.gigantic is not an instance type MLSpace's catalogue knows",
      );
    expect(await problems.textContent()).toContain(
      'Cluster type 2 core count: must be between autoScaling.minInstances (2) and maxInstances (15) while auto-scaling is on',
    );
    await page.getByLabel('Cluster type 1 core type').fill('m5.2xlarge');
    await page.getByLabel('Cluster type 2 core count').fill('5');
    await expect.poll(() => problems.count()).toBe(0);
  },
);
