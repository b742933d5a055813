import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from 'vitest';

import { projectUserRoleName } from '@mlspace/aws';
import type { CreateNotebookRequest, UserView } from '@mlspace/core';
import { awsQueryService, mockHttp } from '@mlspace/testing';

import { createContextInner, resolveCaller } from '../src/context';
import { createCaller } from '../src/root';
import type { ApiServices } from '../src/services';
import { withNotebookCredentials } from '../src/services/notebook-credentials/with-notebook-credentials';
import { createFakeCompute } from './fake-compute';
import { callerFor, createTestServices, signedUpUser } from './harness';

const stsUrl = 'https://sts.us-east-1.amazonaws.com/';
const account = '123456789012';
const prefix = 'mlspace-pu';
const server = mockHttp();
const forwarded: Request[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.url === stsUrl) forwarded.push(request.clone());
});

/** STS answering GetCallerIdentity as it does for a role session (its real XML, contract-checked). */
function stsSays(answer: { arn: string } | { error: string }) {
  server.use(
    awsQueryService(
      stsUrl,
      {
        GetCallerIdentity: () =>
          'arn' in answer
            ? {
                xml: `<Arn>${answer.arn}</Arn><UserId>AROAEXAMPLEID:SageMaker</UserId><Account>${account}</Account>`,
              }
            : { error: { code: answer.error, message: 'Request has expired.', status: 403 } },
      },
      [],
      'sts',
    ),
  );
}

async function awsServices(): Promise<ApiServices> {
  const services = await createTestServices();
  return {
    ...services,
    settings: {
      ...services.settings,
      mode: 'aws',
      publicUrl: 'https://mlspace.example.com',
      compute: {
        ...services.settings.compute,
        userScopedRoles: {
          prefix,
          permissionsBoundaryArn: `arn:aws:iam::${account}:policy/boundary`,
          basePolicyArns: [],
          accountId: account,
        },
      },
    },
  };
}

async function runningNotebook(
  services: ApiServices,
  status: 'InService' | 'Stopped' = 'InService',
) {
  const alice = await signedUpUser(services.db);
  await callerFor(services, alice).projects.create({ name: 'vision', description: '' });
  await callerFor(services, alice).projects.create({ name: 'other', description: '' });
  await services.db.resources.register(
    { kind: 'notebook', name: 'nb1', project: 'vision', owner: alice.username, status },
    alice.username,
  );
  return alice;
}

/** A signed request as the start script sends it (the signature itself is STS's to check). */
function signedRequest(
  overrides: { url?: string; serverId?: string; signedHeaders?: string } = {},
) {
  return {
    url: overrides.url ?? stsUrl,
    method: 'POST',
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-mlspace-server-id': overrides.serverId ?? 'mlspace.example.com',
      'X-Amz-Date': '20260101T000000Z',
      'X-Amz-Security-Token': 'session-token',
      Authorization: `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/us-east-1/sts/aws4_request, SignedHeaders=${overrides.signedHeaders ?? 'content-type;host;x-amz-date;x-amz-security-token;x-mlspace-server-id'}, Signature=abc123`,
    },
  };
}

async function asToken(services: ApiServices, token: string) {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  return createCaller(
    createContextInner(services, await resolveCaller(services, { method: 'POST', headers })),
  );
}

const roleArn = (user: UserView, project = 'vision') =>
  `arn:aws:sts::${account}:assumed-role/${projectUserRoleName(prefix, project, user.username)}/SageMaker`;

test("a notebook proving its project-user role gets an hour's token of its creator, limited to its project; STS got the signed request untouched", async () => {
  const services = await awsServices();
  const alice = await runningNotebook(services);
  stsSays({ arn: roleArn(alice) });
  forwarded.length = 0;
  const request = signedRequest();

  const credentials = await callerFor(services, null).notebookCredentials.exchange({
    notebook: 'nb1',
    request,
  });
  const api = await asToken(services, credentials.token);

  expect(Date.parse(credentials.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
  expect(Date.parse(credentials.expiresAt) - Date.now()).toBeLessThanOrEqual(60 * 60_000);
  expect((await api.me.get()).username).toBe(alice.username);
  await expect(api.projects.get({ name: 'other' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(api.projects.get({ name: 'vision' })).resolves.toMatchObject({});
  expect(forwarded).toHaveLength(1);
  expect(forwarded[0]?.headers.get('authorization')).toBe(request.headers.Authorization);
  expect(forwarded[0]?.headers.get('x-mlspace-server-id')).toBe('mlspace.example.com');
  expect(await forwarded[0]?.text()).toBe(request.body);
});

test("another role, even the creator's in another project, is refused with 403 and no token", async () => {
  const services = await awsServices();
  const alice = await runningNotebook(services);
  stsSays({ arn: roleArn(alice, 'other') });

  await expect(
    callerFor(services, null).notebookCredentials.exchange({
      notebook: 'nb1',
      request: signedRequest(),
    }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: `${roleArn(alice, 'other')} is not the role of notebook nb1's project and creator`,
  });
  expect(
    (await services.db.apiTokens.listForOwner(alice.username, 'notebook', { limit: 5 })).items,
  ).toEqual([]);
});

test('a signature STS refuses (expired, replayed late) is refused with 403 naming STS’s reason', async () => {
  const services = await awsServices();
  await runningNotebook(services);
  stsSays({ error: 'RequestExpired' });

  await expect(
    callerFor(services, null).notebookCredentials.exchange({
      notebook: 'nb1',
      request: signedRequest(),
    }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: 'STS did not accept the signed identity request (RequestExpired)',
  });
});

test('a request to anywhere but STS, or signed without this deployment’s id, is refused before anything is sent', async () => {
  const services = await awsServices();
  await runningNotebook(services);
  forwarded.length = 0;
  const exchange = (request: ReturnType<typeof signedRequest>) =>
    callerFor(services, null).notebookCredentials.exchange({ notebook: 'nb1', request });

  await expect(
    exchange(signedRequest({ url: 'https://sts.amazonaws.com.evil.example/' })),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('request.url: must be an STS endpoint') as unknown,
  });
  await expect(exchange(signedRequest({ serverId: 'other.example.com' }))).rejects.toMatchObject({
    code: 'BAD_REQUEST',
  });
  await expect(
    exchange(signedRequest({ signedHeaders: 'content-type;host;x-amz-date' })),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  expect(forwarded).toHaveLength(0);
});

test('a stopped notebook gets no credentials', async () => {
  const services = await awsServices();
  const alice = await runningNotebook(services, 'Stopped');
  stsSays({ arn: roleArn(alice) });

  await expect(
    callerFor(services, null).notebookCredentials.exchange({
      notebook: 'nb1',
      request: signedRequest(),
    }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Notebook nb1 is Stopped, not running' });
});

test('a local notebook reads a fresh token from MLSPACE_TOKEN_FILE while it runs, and stopping it revokes the token and removes the file', async () => {
  const services = await createTestServices();
  const alice = await runningNotebook(services);
  const fake = createFakeCompute();
  const created: CreateNotebookRequest[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'mlspace-credentials-'));
  const compute = withNotebookCredentials(
    {
      ...fake.compute,
      notebooks: {
        ...fake.compute.notebooks,
        create: (request) => {
          created.push(request);
          return fake.compute.notebooks.create(request);
        },
      },
    },
    { db: services.db, settings: { ...services.settings, dataDir }, refreshEveryMs: 200 },
  );

  await compute.notebooks.create({
    name: 'nb1',
    owner: { project: 'vision', username: alice.username },
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
    environment: { MLSPACE_CLUSTER: 'c1' },
  });
  const environment = created[0]?.environment ?? {};
  const tokenFile = environment.MLSPACE_TOKEN_FILE ?? '';
  const first = readFileSync(tokenFile, 'utf8').trim();
  await new Promise((resolve) => setTimeout(resolve, 700));
  const refreshed = readFileSync(tokenFile, 'utf8').trim();
  const api = await asToken(services, refreshed);
  await expect(api.projects.get({ name: 'other' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await compute.notebooks.stop('nb1');

  expect(environment).toMatchObject({
    MLSPACE_CLUSTER: 'c1',
    MLSPACE_API_URL: 'http://localhost:3999',
    MLSPACE_TOKEN_FILE: join(dataDir, 'notebook-credentials', 'nb1', 'token'),
  });
  expect(refreshed).not.toBe(first);
  expect((await api.me.get()).username).toBe(alice.username);
  await expect(asToken(services, refreshed).then((again) => again.me.get())).rejects.toMatchObject({
    code: 'UNAUTHORIZED',
  });
  expect(existsSync(tokenFile)).toBe(false);
});

test("on AWS the notebook's start script gets the credentials step, whose bash and Python parse", async () => {
  const services = await awsServices();
  const alice = await runningNotebook(services);
  const fake = createFakeCompute();
  const created: CreateNotebookRequest[] = [];
  const compute = withNotebookCredentials(
    {
      ...fake.compute,
      notebooks: {
        ...fake.compute.notebooks,
        create: (request) => {
          created.push(request);
          return fake.compute.notebooks.create(request);
        },
      },
    },
    { db: services.db, settings: services.settings },
  );

  await compute.notebooks.create({
    name: 'nb1',
    owner: { project: 'vision', username: alice.username },
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: { onStart: 'echo project start script' },
  });
  const script = created[0]?.lifecycle.onStart ?? '';
  const python = /<<'PY'\n([\s\S]*?)\nPY\n/.exec(script)?.[1] ?? '';

  expect(script.startsWith('echo project start script\n')).toBe(true);
  expect(script).toContain("API_URL = 'https://mlspace.example.com'");
  expect(script).toContain("'x-mlspace-server-id': 'mlspace.example.com'");
  expect(script).toContain('MLSPACE_TOKEN_FILE=/home/ec2-user/.mlspace/token');
  expect(() => execFileSync('bash', ['-n'], { input: script })).not.toThrow();
  expect(() =>
    execFileSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
      input: python,
    }),
  ).not.toThrow();
  expect(python).toContain('/api/trpc/notebookCredentials.exchange');
});
