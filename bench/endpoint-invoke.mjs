// Endpoint invoke latency for a small scikit-learn model on the local backend, through the API
// (endpoints.invoke → the endpoint's inference server), one row per call, sequential.
// Target: p50 <= 20 ms.
import { apiClient } from './lib/api-client.mjs';
import { setUpTrainingData, trainingInput, waitFor } from './lib/ml-setup.mjs';
import { percentile, signIn, startServer } from './lib/stack.mjs';

const server = await startServer();
try {
  const api = apiClient(server.url, await signIn(server.url, 'alice'));
  const stamp = Date.now().toString(36);
  const project = `benchinvoke${stamp}`;
  const location = await setUpTrainingData(api, project);
  const job = `bench-model-${stamp}`;
  await api.mutate('training.create', trainingInput(project, job, location));
  await waitFor(
    () => api.query('training.get', { name: job }),
    (detail) => detail.job.status === 'Completed',
    job,
  );
  await api.mutate('models.create', { project, name: job, trainingJobName: job });
  await api.mutate('endpointConfigs.create', {
    project,
    name: job,
    variants: [
      {
        variantName: 'AllTraffic',
        modelName: job,
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
      },
    ],
  });
  const createdAt = performance.now();
  await api.mutate('endpoints.create', { project, name: job, endpointConfigName: job });
  await waitFor(
    () => api.query('endpoints.get', { name: job }),
    (detail) => detail.endpoint.status === 'InService',
    job,
  );
  const ready = performance.now() - createdAt;
  const invoke = async () => {
    const started = performance.now();
    const answer = await api.mutate('endpoints.invoke', {
      name: job,
      contentType: 'text/csv',
      body: '0.9,0.8',
    });
    if (answer.body.trim() !== '1.0') throw new Error(`unexpected prediction ${answer.body}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 50; i += 1) await invoke();
  const timings = [];
  for (let i = 0; i < 1000; i += 1) timings.push(await invoke());
  timings.sort((a, b) => a - b);
  console.log(
    `endpoint on the local backend (scikit-learn SGD model), InService ${ready.toFixed(0)} ms after create;`,
  );
  console.log(
    `  invoke through the API, 1000 sequential calls of one CSV row: p50 ${percentile(timings, 50).toFixed(2)} ms   p99 ${percentile(timings, 99).toFixed(2)} ms   target p50 <= 20 ms`,
  );
  await api.mutate('endpoints.delete', { name: job });
} finally {
  await server.stop();
}
