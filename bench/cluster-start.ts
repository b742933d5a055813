// Local cluster create-to-ready: a Dask scheduler and 2 workers (cluster type of 2 core nodes,
// m5.large: 2 threads and 8 GiB each) started through the local cluster backend, timed from
// create() until the backend reports Waiting (both workers joined the scheduler), then terminated.
// Run: npx tsx bench/cluster-start.ts [--runs 3]
// Target: 5 s or less for 2 workers. Prints the machine's load too: Dask's import time grows with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

import { createComputeEventBus } from '@mlspace/core';
import { createLocalClusters } from '@mlspace/local';

import { percentile } from './lib/stack.mjs';

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
const dir = mkdtempSync(path.join(tmpdir(), 'mlspace-bench-clusters-'));
const clusters = createLocalClusters({ rootDir: dir, events: createComputeEventBus() });

const timings: number[] = [];
const sorted = () => [...timings].sort((a, b) => a - b);
try {
  for (let run = 1; run <= runs; run += 1) {
    const started = performance.now();
    const created = await clusters.create({
      name: `bench-${run}`,
      owner: { project: 'bench', username: 'bench' },
      clusterType: 'Small',
      releaseLabel: 'emr-6.15.0',
      applications: ['Spark'],
      primaryInstanceType: 'm5.large',
      coreInstanceType: 'm5.large',
      coreInstanceCount: 2,
      autoScaling: null,
    });
    const ready = await clusters.settled(created.id);
    const ms = performance.now() - started;
    if (ready.status !== 'Waiting')
      throw new Error(`run ${run}: the cluster ended ${ready.status}: ${ready.failureReason}`);
    timings.push(ms);
    console.log(
      `run ${run}: ready in ${(ms / 1000).toFixed(2)} s (load ${loadavg()[0]!.toFixed(1)})`,
    );
    await clusters.terminate(created.id);
  }
  console.log(
    `create-to-ready, 2 workers: p50 ${(percentile(sorted(), 50) / 1000).toFixed(2)} s, best ${(Math.min(...timings) / 1000).toFixed(2)} s over ${runs} runs (target <= 5 s)`,
  );
} finally {
  await clusters.shutdown();
  rmSync(dir, { recursive: true, force: true });
}
