import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import { createLocalComputeBackend, type LocalComputeBackend } from '@mlspace/local';

import { createContextInner, resolveCaller } from '../src/context';
import { createCaller } from '../src/root';
import { applyComputeEvents } from '../src/services/compute';
import { withNotebookCredentials } from '../src/services/notebook-credentials/with-notebook-credentials';
import { callerFor, createTestServices, signedUpUser } from './harness';

const backends: LocalComputeBackend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.shutdown()));
});

async function eventually<T>(read: () => Promise<T | null>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test("a local notebook's own processes see MLSPACE_API_URL and a token file whose token calls the API as its creator, in its project only", async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mlspace-nb-credentials-'));
  const local = createLocalComputeBackend({ dataDir });
  backends.push(local);
  const base = await createTestServices();
  const compute = withNotebookCredentials(local, {
    db: base.db,
    settings: { ...base.settings, dataDir },
  });
  const services = { ...base, compute };
  applyComputeEvents(services.db, local, (error) => {
    throw error;
  });
  const alice = await signedUpUser(services.db);
  await callerFor(services, alice).projects.create({ name: 'credproj', description: '' });
  await callerFor(services, alice).projects.create({ name: 'elsewhere', description: '' });
  const seen = path.join(dataDir, 'seen');

  await callerFor(services, alice).notebooks.create({
    project: 'credproj',
    name: 'nb-credentials',
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    // The start script runs with the environment Jupyter gets: it shows what code in the notebook sees.
    lifecycle: {
      onStart: `printf '%s\\n%s\\n' "$MLSPACE_API_URL" "$(cat "$MLSPACE_TOKEN_FILE")" > ${seen}`,
    },
  });
  const [apiUrl, token] = (
    await eventually(() => readFile(seen, 'utf8'), 'the start script')
  ).split('\n');
  const headers = new Headers({ authorization: `Bearer ${token}` });
  const api = createCaller(
    createContextInner(services, await resolveCaller(services, { method: 'POST', headers })),
  );

  expect(apiUrl).toBe('http://localhost:3999');
  expect((await api.me.get()).username).toBe(alice.username);
  await expect(api.projects.get({ name: 'elsewhere' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  const credentials = await services.db.apiTokens.listForOwner(alice.username, 'notebook', {
    limit: 5,
  });
  expect(credentials.items).toMatchObject([
    {
      notebook: 'credproj/nb-credentials',
      scope: 'write',
      projects: ['credproj'],
      revokedAt: null,
    },
  ]);
});
