/**
 * The CLI against the local stack as `npm start` runs it (the built server: DynamoDB Local, S3,
 * the development IdP, local training and inference): sign in, upload a folder and resume it
 * after an interruption, train from a YAML spec and follow its log to the end, invoke a deployed
 * endpoint from a file and from stdin, and the exit codes scripts rely on. The Python example
 * runs against the same stack.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { createMlspaceClient, type MlspaceClient } from '@mlspace/client';

import { startStack, type RunningStack } from '../../portal/e2e/support/stack';
import { signInForIdToken } from './id-token';
import { runCli, type CliOptions } from './run-cli';

const cliRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(cliRoot, '../..');

let stack: RunningStack;
let work: string;
let aliceToken: string;
let aliceReadToken: string;
let tokenToRevoke: string;
let bobToken: string;
let alice: MlspaceClient;
const stamp = Date.now().toString(36);
const project = `cli${stamp}`;
const dataset = `train${stamp}`;

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: cliRoot, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`The CLI bundle did not build:\n${built.stderr}`);
  stack = await startStack();
  work = mkdtempSync(path.join(tmpdir(), 'mlspace-cli-'));
  const [aliceIdToken, bobIdToken] = await Promise.all([
    signInForIdToken(stack.url, 'alice'),
    signInForIdToken(stack.url, 'bob'),
  ]);
  // Personal API tokens, made as a person makes them in Settings (signed in).
  const personalToken = async (idToken: string, scope: 'read' | 'write') =>
    (
      await createMlspaceClient({ url: stack.url, token: idToken }).api.apiTokens.create.mutate({
        name: `cli ${scope}`,
        scope,
        expiresInDays: 1,
      })
    ).secret;
  [aliceToken, aliceReadToken, tokenToRevoke, bobToken] = await Promise.all([
    personalToken(aliceIdToken, 'write'),
    personalToken(aliceIdToken, 'read'),
    // Revoking is a change, which a read-only token may not make, even to itself.
    personalToken(aliceIdToken, 'write'),
    personalToken(bobIdToken, 'write'),
  ]);
  alice = createMlspaceClient({ url: stack.url, token: aliceToken });
  await alice.api.projects.create.mutate({ name: project, description: 'CLI workflow' });
});

afterAll(async () => {
  await stack?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A home folder of its own per user, so each has their own saved login. */
function homeOf(user: string): string {
  const home = path.join(work, `home-${user}`);
  mkdirSync(home, { recursive: true });
  return home;
}

const asAlice = (extra: Partial<CliOptions> = {}): CliOptions => ({
  env: { HOME: homeOf('alice') },
  ...extra,
});

/** Label first, then two features: a + b > 1 is class 1 (the built-in algorithms' CSV rule). */
function trainingCsv(): string {
  const rows: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const a = ((i * 37) % 100) / 100;
    const b = ((i * 61) % 100) / 100;
    rows.push(`${a + b > 1 ? 1 : 0},${a},${b}`);
  }
  return `${rows.join('\n')}\n`;
}

test('login checks the token, saves it readable by its owner only, and later commands use it', async () => {
  const refused = await runCli(['login', '--url', stack.url, '--token', 'not-a-token'], asAlice());
  expect(refused.code).toBe(3);
  expect(() => statSync(path.join(homeOf('alice'), '.config/mlspace/config.json'))).toThrow();

  const login = await runCli(
    ['login', '--url', `${stack.url}/api`],
    asAlice({ input: `${aliceToken}\n` }),
  );
  expect(login.stderr).toBe('');
  expect(login.code).toBe(0);
  expect(login.stdout).toContain('as alice');
  const config = path.join(homeOf('alice'), '.config/mlspace/config.json');
  expect(statSync(config).mode & 0o777).toBe(0o600);

  const whoami = await runCli(['whoami', '--json'], asAlice());
  expect(JSON.parse(whoami.stdout)).toMatchObject({ username: 'alice' });
  const projects = await runCli(['projects', 'list', '--json'], asAlice());
  expect(JSON.parse(projects.stdout)).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: project, role: 'owner' })]),
  );
});

test('logout --revoke revokes the saved token, so a copy of it no longer works', async () => {
  const home = { env: { HOME: homeOf('revoking') } };
  const secret = tokenToRevoke;
  expect((await runCli(['login', '--url', stack.url, '--token', secret], home)).code).toBe(0);
  const logout = await runCli(['logout', '--revoke'], home);
  expect(logout.code).toBe(0);
  expect(logout.stdout).toContain('revoked');
  const copy = await runCli(['whoami'], {
    env: { HOME: homeOf('revoking'), MLSPACE_API_URL: stack.url, MLSPACE_TOKEN: secret },
  });
  expect(copy.code).toBe(3);
});

test('members are added, listed and removed', async () => {
  expect((await runCli(['members', 'add', project, 'bob'], asAlice())).code).toBe(0);
  const listed = JSON.parse(
    (await runCli(['members', 'list', project, '--json'], asAlice())).stdout,
  ) as { username: string }[];
  expect(listed.map((member) => member.username).sort()).toEqual(['alice', 'bob']);
  const removed = await runCli(['members', 'remove', project, 'bob'], asAlice());
  expect(removed.code).toBe(0);
  expect(removed.stdout).toContain('Removed bob');
});

test('a folder upload interrupted part-way resumes with only what is missing, and a changed file of the same size is sent again', async () => {
  const folder = path.join(work, 'data');
  mkdirSync(path.join(folder, 'nested'), { recursive: true });
  writeFileSync(path.join(folder, 'a-train.csv'), trainingCsv());
  // 40 MB goes up in three parts, long enough to be cut off after the first file.
  writeFileSync(path.join(folder, 'nested', 'b-big.bin'), Buffer.alloc(40 * 1024 * 1024, 7));
  const upload = [
    'datasets',
    'upload',
    folder,
    '--dataset',
    dataset,
    '--create',
    '--concurrency',
    '1',
  ];

  const interrupted = await runCli(
    upload,
    asAlice({
      onStderr: (text, child) => void (text.includes('a-train.csv') && child.kill('SIGKILL')),
    }),
  );
  expect(interrupted.code).not.toBe(0);
  const afterInterruption = await alice.api.datasets.files.query({
    ref: { scope: 'private', name: dataset },
  });
  expect(afterInterruption.items.map((file) => file.name)).toEqual(['a-train.csv']);

  const resumed = await runCli([...upload, '--json'], asAlice());
  expect(resumed.code).toBe(0);
  expect(JSON.parse(resumed.stdout)).toEqual({
    transferred: ['nested/b-big.bin'],
    skipped: ['a-train.csv'],
  });

  // Same size, other bytes: the ETag tells them apart.
  const csv = readFileSync(path.join(folder, 'a-train.csv'), 'utf8');
  writeFileSync(path.join(folder, 'a-train.csv'), csv.replace('0.', '9.'));
  const changed = await runCli([...upload, '--json'], asAlice());
  expect(JSON.parse(changed.stdout)).toEqual({
    transferred: ['a-train.csv'],
    skipped: ['nested/b-big.bin'],
  });
  writeFileSync(path.join(folder, 'a-train.csv'), csv);
  await runCli(upload, asAlice());

  const target = path.join(work, 'downloaded');
  const download = await runCli(
    ['datasets', 'download', target, '--dataset', dataset, '--json'],
    asAlice(),
  );
  expect(download.code).toBe(0);
  expect(JSON.parse(download.stdout)).toEqual({
    transferred: ['a-train.csv', 'nested/b-big.bin'],
    skipped: [],
  });
  expect(readFileSync(path.join(target, 'a-train.csv'), 'utf8')).toBe(csv);
  expect(statSync(path.join(target, 'nested', 'b-big.bin')).size).toBe(40 * 1024 * 1024);
  const again = await runCli(
    ['datasets', 'download', target, '--dataset', dataset, '--json'],
    asAlice(),
  );
  expect(JSON.parse(again.stdout)).toEqual({
    transferred: [],
    skipped: ['a-train.csv', 'nested/b-big.bin'],
  });
});

const job = `linear-${stamp}`;

test('a training job created from a YAML spec is followed to its end and waited for', async () => {
  const options = await alice.api.training.options.query({ project });
  const { items } = await alice.api.datasets.list.query({ scope: 'private' });
  const location = items.find((item) => item.name === dataset)?.location ?? '';
  const spec = path.join(work, 'spec.yaml');
  writeFileSync(
    spec,
    [
      `project: ${project}`,
      `name: ${job}`,
      'algorithm:',
      '  kind: builtin',
      '  name: sklearn-linear-learner',
      'hyperParameters:',
      '  epochs: "10"',
      'inputs:',
      '  - name: train',
      `    s3Uri: ${location}a-train.csv`,
      `outputS3Uri: ${options.defaultOutputS3Uri}`,
      `instanceType: ${options.instanceTypes[0]}`,
      'instanceCount: 1',
      'maxRuntimeSeconds: 600',
      '',
    ].join('\n'),
  );
  const created = await runCli(['training', 'create', '-f', spec], asAlice());
  expect(created.stderr).toBe('');
  expect(created.stdout).toContain(`Created training job ${job}`);

  const logs = await runCli(['training', 'logs', job, '--follow', '--interval', '1'], asAlice());
  expect(logs.code).toBe(0);
  expect(logs.stdout).toContain('train:accuracy=');
  const waited = await runCli(['training', 'wait', job, '--interval', '1', '--json'], asAlice());
  expect(waited.code).toBe(0);
  expect(JSON.parse(waited.stdout)).toMatchObject({ job: { status: 'Completed' } });
});

test('an endpoint deployed from the job answers a payload from a file and from stdin; a payload the model rejects exits 7', async () => {
  const model = `model-${stamp}`;
  const config = `config-${stamp}`;
  const endpoint = `endpoint-${stamp}`;
  await alice.api.models.create.mutate({ project, name: model, trainingJobName: job });
  const { instanceTypes } = await alice.api.endpointConfigs.options.query({ project });
  await alice.api.endpointConfigs.create.mutate({
    project,
    name: config,
    variants: [
      {
        variantName: 'all',
        modelName: model,
        instanceType: instanceTypes[0] ?? '',
        initialInstanceCount: 1,
      },
    ],
  });
  await alice.api.endpoints.create.mutate({ project, name: endpoint, endpointConfigName: config });
  await expect
    .poll(async () => (await alice.api.endpoints.get.query({ name: endpoint })).endpoint.status, {
      timeout: 90_000,
      interval: 1000,
    })
    .toBe('InService');

  const payload = path.join(work, 'payload.csv');
  writeFileSync(payload, '0.9,0.95\n');
  const fromFile = await runCli(['endpoints', 'invoke', endpoint, '--file', payload], asAlice());
  expect(fromFile.code).toBe(0);
  expect(fromFile.stdout).toContain('1.0');
  const fromStdin = await runCli(
    ['endpoints', 'invoke', endpoint, '--json'],
    asAlice({ input: '0.1,0.05\n' }),
  );
  expect(JSON.parse(fromStdin.stdout)).toMatchObject({
    body: expect.stringContaining('0.0') as unknown,
  });

  const rejected = await runCli(['endpoints', 'invoke', endpoint], asAlice({ input: '1,2,3\n' }));
  expect(rejected.code).toBe(7);
  expect(rejected.stderr).toContain('X has 3 features');
});

test('exit codes tell usage, sign-in, permission, not found, invalid input, conflict and outages apart', async () => {
  const nobody = { env: { HOME: homeOf('nobody') } };
  const bob = { env: { HOME: homeOf('bob'), MLSPACE_API_URL: stack.url, MLSPACE_TOKEN: bobToken } };

  expect((await runCli(['frobnicate'], asAlice())).code).toBe(2);
  expect((await runCli(['training', 'create'], asAlice())).code).toBe(2);
  expect(
    (await runCli(['training', 'create', '-f', path.join(work, 'missing.yaml')], asAlice())).code,
  ).toBe(2);
  expect((await runCli(['projects', 'list'], nobody)).code).toBe(3);
  const forbidden = await runCli(['projects', 'show', project], bob);
  expect(forbidden.code).toBe(4);
  expect(forbidden.stderr).toContain('403');
  const missing = await runCli(['datasets', 'files', '--dataset', 'no-such-dataset'], asAlice());
  expect(missing.code).toBe(6);
  expect(missing.stderr).toContain('does not exist');

  const badSpec = path.join(work, 'bad.json');
  writeFileSync(
    badSpec,
    JSON.stringify({
      project,
      name: 'Bad Name!',
      algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
    }),
  );
  const invalid = await runCli(['training', 'create', '-f', badSpec, '--json'], asAlice());
  expect(invalid.code).toBe(7);
  const refusal = JSON.parse(invalid.stderr) as { error: { fieldErrors: { path: string }[] } };
  expect(refusal.error.fieldErrors.map((field) => field.path)).toEqual(
    expect.arrayContaining(['name', 'inputs', 'outputS3Uri']),
  );

  const notebook = `nb-${stamp}`;
  const { instanceTypes } = await alice.api.notebooks.options.query({ project });
  expect(
    (
      await runCli(
        [
          'notebooks',
          'create',
          notebook,
          '--project',
          project,
          '--instance-type',
          instanceTypes[0] ?? '',
        ],
        asAlice(),
      )
    ).code,
  ).toBe(0);
  const listed = JSON.parse(
    (await runCli(['notebooks', 'list', '--project', project, '--json'], asAlice())).stdout,
  ) as { name: string }[];
  expect(listed.map((item) => item.name)).toContain(notebook);
  // Not InService yet (or never, once stopped): opening is a conflict, not an error of the CLI.
  expect((await runCli(['notebooks', 'stop', notebook], asAlice())).code).toBe(0);
  expect((await runCli(['notebooks', 'open', notebook], asAlice())).code).toBe(8);

  const readOnly = await runCli(['members', 'add', project, 'carol'], {
    env: { HOME: homeOf('nobody'), MLSPACE_API_URL: stack.url, MLSPACE_TOKEN: aliceReadToken },
  });
  expect(readOnly.code).toBe(4);
  expect(readOnly.stderr).toMatch(/read-only|read only/i);

  const closed = await runCli(['projects', 'list'], {
    env: { HOME: homeOf('nobody'), MLSPACE_API_URL: 'http://127.0.0.1:9', MLSPACE_TOKEN: 'x' },
  });
  expect(closed.code).toBe(5);
  expect(closed.stderr).toContain('could not be reached');
});

const hasPython = spawnSync('python3', ['--version']).status === 0;

test.skipIf(!hasPython)(
  'the Python example lists projects and datasets and trains with a token from a token file',
  async () => {
    const tokenFile = path.join(work, 'notebook-token');
    writeFileSync(tokenFile, aliceToken);
    const options = await alice.api.training.options.query({ project });
    const spec = path.join(work, 'python-spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        project,
        name: `py-${stamp}`,
        algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
        inputs: [
          {
            name: 'train',
            s3Uri: `${(await alice.api.datasets.get.query({ scope: 'private', name: dataset })).dataset.location}a-train.csv`,
          },
        ],
        outputS3Uri: options.defaultOutputS3Uri,
        instanceType: options.instanceTypes[0],
        instanceCount: 1,
        maxRuntimeSeconds: 600,
      }),
    );
    const run = spawnSync(
      'python3',
      [path.join(repoRoot, 'examples/python/mlspace_example.py'), '--train', spec],
      {
        env: {
          PATH: process.env.PATH ?? '',
          MLSPACE_API_URL: `${stack.url}/api`,
          MLSPACE_TOKEN_FILE: tokenFile,
        },
        encoding: 'utf8',
        timeout: 150_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Signed in as alice');
    expect(run.stdout).toContain(`project  ${project}  (owner)`);
    expect(run.stdout).toContain(`dataset  ${dataset}  private`);
    expect(run.stdout).toContain(`training py-${stamp} ended: Completed`);
  },
);
