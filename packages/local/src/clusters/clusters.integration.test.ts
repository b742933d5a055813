import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { createComputeEventBus, type ComputeStatusEvent } from '@mlspace/core';

import { createLocalClusters, type LocalClusters } from './backend';

const run = promisify(execFile);
let dir: string;
let clusters: LocalClusters;
const events: ComputeStatusEvent[] = [];

const request = (name: string, coreInstanceCount = 2) => ({
  name,
  owner: { project: 'proj', username: 'alice' },
  clusterType: 'Small',
  releaseLabel: 'emr-6.15.0',
  applications: ['Spark'],
  primaryInstanceType: 'm5.large',
  coreInstanceType: 'm5.large',
  coreInstanceCount,
  autoScaling: null,
});

/** Pids of processes working in `folder` (the scheduler and workers run with it as their cwd). */
function processesIn(folder: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(folder);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A notebook-side client: one task pinned to each worker, their results summed. */
const sumAcrossWorkers = `
import sys
from distributed import Client, get_worker
client = Client(sys.argv[1], timeout=30)
workers = sorted(client.scheduler_info()["workers"])
def part(n):
    return (n, get_worker().name)
futures = [client.submit(part, n, workers=[address], pure=False) for n, address in enumerate(workers, start=1)]
results = client.gather(futures)
print(sum(n for n, _ in results), ",".join(sorted(name for _, name in results)))
client.close()
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlspace-clusters-'));
  const bus = createComputeEventBus();
  bus.subscribe((event) => {
    events.push(event);
  });
  clusters = createLocalClusters({ rootDir: dir, events: bus });
});

afterAll(async () => {
  await clusters.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

test('a local cluster starts a scheduler and a worker per core node, computes across them, and leaves no process once terminated', async () => {
  const created = await clusters.create(request('sums'));
  expect(created.status).toBe('Starting');
  const ready = await clusters.settled(created.id);
  expect(ready.status).toBe('Waiting');
  expect(ready.timeline.readyAt).toBeDefined();

  const connection = await clusters.connection(created.id);
  expect(connection?.engine).toBe('dask');
  const address = connection?.engine === 'dask' ? connection.schedulerAddress : '';
  const { stdout } = await run('/usr/bin/python3', ['-c', sumAcrossWorkers, address], {
    timeout: 60_000,
  });
  expect(stdout.trim()).toBe('3 core-1,core-2');

  const instances = await clusters.instances(created.id);
  expect(instances.map((instance) => [instance.role, instance.state])).toEqual([
    ['primary', 'Running'],
    ['core', 'Running'],
    ['core', 'Running'],
  ]);
  // m5.large: 2 vCPUs and 8 GiB per worker, from the catalogue.
  expect(instances[1]).toMatchObject({ threads: 2, memoryLimitBytes: 8 * 1024 ** 3 });
  expect(instances[1]!.memoryUsedBytes).toBeGreaterThan(0);

  const folder = path.join(dir, created.id);
  expect(processesIn(folder).length).toBe(3);
  await clusters.terminate(created.id, 'Terminated by the test');
  expect(processesIn(folder)).toEqual([]);
  const ended = await clusters.describe(created.id);
  expect(ended).toMatchObject({
    status: 'Terminated',
    stateChangeReason: { message: 'Terminated by the test' },
  });
  expect(await clusters.connection(created.id)).toBeNull();
  expect(events.filter((event) => event.name === 'sums').map((event) => event.status)).toEqual([
    'Starting',
    'Waiting',
    'Terminating',
    'Terminated',
  ]);
  const log = await clusters.logs({ name: created.id });
  expect(log.lines.some((line) => line.message.startsWith('[scheduler]'))).toBe(true);
  expect(log.lines.some((line) => line.message.startsWith('[core-2]'))).toBe(true);
}, 120_000);

test('a cluster is refused at once when Dask is not installed', async () => {
  const without = createLocalClusters({
    rootDir: dir,
    events: createComputeEventBus(),
    schedulerCommand: '/nonexistent/dask-scheduler',
  });
  await expect(without.create(request('nodask', 1))).rejects.toThrow(
    /install Debian's python3-distributed \(\/nonexistent\/dask-scheduler not found\)/,
  );
});

test('a cluster whose processes cannot start ends TerminatedWithErrors with the reason', async () => {
  // A scheduler command that exists but is not Dask's: the scheduler exits at once.
  const broken = createLocalClusters({
    rootDir: dir,
    events: createComputeEventBus(),
    schedulerCommand: '/bin/false',
  });
  const created = await broken.create(request('broken', 1));
  const ended = await broken.settled(created.id);
  expect(ended.status).toBe('TerminatedWithErrors');
  expect(ended.failureReason).toMatch(/the scheduler exited unexpectedly \(exit code 1\)/);
  expect(processesIn(path.join(dir, created.id))).toEqual([]);
}, 60_000);

test('a cluster terminated while it starts ends Terminated and leaves no process', async () => {
  const created = await clusters.create(request('early', 1));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await clusters.terminate(created.id);
  expect((await clusters.describe(created.id))?.status).toBe('Terminated');
  expect(processesIn(path.join(dir, created.id))).toEqual([]);
}, 60_000);
