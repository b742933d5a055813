// Shared set-up for the ML benchmarks: a project alice owns and a training CSV in a dataset of hers.
export function trainingCsv(rows = 200) {
  const lines = [];
  for (let i = 0; i < rows; i += 1) {
    const a = ((i * 37) % 100) / 100;
    const b = ((i * 61) % 100) / 100;
    lines.push(`${a + b > 1 ? 1 : 0},${a},${b}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Creates project `project` and a private dataset holding train.csv; returns the dataset's S3 location. */
export async function setUpTrainingData(api, project) {
  await api.mutate('projects.create', { name: project, description: 'benchmark' });
  const name = `${project}data`;
  const dataset = await api.mutate('datasets.create', {
    scope: 'private',
    name,
    type: 'tabular',
    description: 'benchmark data',
  });
  const ref = { scope: 'private', name };
  const body = trainingCsv();
  const upload = await api.mutate('datasets.startUpload', {
    ref,
    fileName: 'train.csv',
    size: Buffer.byteLength(body),
  });
  if (upload.mode !== 'single') throw new Error('expected a single-part upload');
  const response = await fetch(upload.url, { method: 'PUT', body });
  if (!response.ok) throw new Error(`upload returned ${response.status}`);
  return dataset.location;
}

export function trainingInput(project, name, location, overrides = {}) {
  return {
    project,
    name,
    algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
    hyperParameters: { epochs: '5' },
    inputs: [{ name: 'train', s3Uri: location }],
    // Outputs go to the project's own output folder (the data-plane gate refuses any other).
    outputS3Uri: location.replace(/^(s3:\/\/[^/]+)\/.*$/, `$1/project/${project}/training-output`),
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 600,
    ...overrides,
  };
}

export async function waitFor(read, done, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: still ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
