// Local notebook create-to-ready and start-to-ready, median of 5, through the real server:
// the API call, the registry, Jupyter's start and the proxy. "Ready" means the notebook's
// record says InService and Jupyter answers through /notebooks/<name>/.
// Target: 5 s or less (a SageMaker notebook instance takes minutes).
import { apiClient } from './lib/api-client.mjs';
import { signIn, startServer } from './lib/stack.mjs';

const runs = 5;
const server = await startServer();
try {
  const cookie = await signIn(server.url, 'alice');
  const api = apiClient(server.url, cookie);
  const project = `bench${Date.now().toString(36)}`;
  await api.mutate('projects.create', { name: project, description: 'notebook benchmark' });

  async function untilReady(name) {
    for (;;) {
      const { notebook } = await api.query('notebooks.get', { name });
      if (notebook.status === 'Failed')
        throw new Error(`${name} failed: ${notebook.failureReason}`);
      if (notebook.status === 'InService') {
        const response = await fetch(`${server.url}/notebooks/${name}/api/status`, {
          headers: { cookie },
        });
        if (response.ok) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  async function untilStopped(name) {
    while ((await api.query('notebooks.get', { name })).notebook.status !== 'Stopped') {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const createMs = [];
  const startMs = [];
  for (let run = 0; run < runs; run += 1) {
    const name = `bench-${run}-${Date.now().toString(36)}`;
    let started = performance.now();
    await api.mutate('notebooks.create', {
      project,
      name,
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    });
    await untilReady(name);
    createMs.push(performance.now() - started);

    await api.mutate('notebooks.stop', { name });
    await untilStopped(name);
    started = performance.now();
    await api.mutate('notebooks.start', { name });
    await untilReady(name);
    startMs.push(performance.now() - started);

    await api.mutate('notebooks.stop', { name });
    await untilStopped(name);
    await api.mutate('notebooks.delete', { name });
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`Local notebook readiness, ${runs} runs (target <= 5 s):`);
  console.log(
    `  create to ready  median ${seconds(median(createMs))}  (runs: ${createMs.map(seconds).join(', ')})`,
  );
  console.log(
    `  start to ready   median ${seconds(median(startMs))}  (runs: ${startMs.map(seconds).join(', ')})`,
  );
} finally {
  await server.stop();
}
