import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, expect, test } from 'vitest';

import { createMlspaceClient } from './client';
import { resolveConnection } from './connection';
import { configFilePath, writeConfigFile } from './config-file';
import { MlspaceError } from './errors';
import { retryDelayMs } from './retry';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'mlspace-client-'));
  folders.push(folder);
  return folder;
}

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
}

/** A fetch that answers from a script of responses and records what was sent. */
function scriptedFetch(answers: Array<Response | Error>) {
  const sent: Sent[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
    });
    const answer = answers.shift();
    if (!answer) throw new Error('the test gave no answer for this request');
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
  return { fetchImpl, sent };
}

const ok = (data: unknown) => Response.json({ result: { data } });
const trpcError = (status: number, code: string, message: string, fieldErrors: unknown = null) =>
  Response.json(
    { error: { message, code: -32000, data: { code, httpStatus: status, fieldErrors } } },
    { status },
  );
const fastRetries = { tries: 4, baseDelayMs: 1, maxDelayMs: 2 };

test('a query sends the token as a Bearer and the input as the tRPC GET shape', async () => {
  const { fetchImpl, sent } = scriptedFetch([ok({ items: [], cursor: null })]);
  const { api } = createMlspaceClient({
    url: 'http://mlspace.test/api/trpc/',
    token: 'mls_a_b',
    fetch: fetchImpl,
  });
  expect(await api.projects.mine.query({ limit: 5 })).toEqual({ items: [], cursor: null });
  expect(sent).toEqual([
    {
      method: 'GET',
      url: `http://mlspace.test/api/trpc/projects.mine?input=${encodeURIComponent('{"limit":5}')}`,
      authorization: 'Bearer mls_a_b',
    },
  ]);
});

test('a refusal becomes an MlspaceError with its code, status, message and field errors', async () => {
  const { fetchImpl } = scriptedFetch([
    trpcError(400, 'BAD_REQUEST', 'name: must be lowercase', [
      { path: 'name', message: 'must be lowercase' },
    ]),
  ]);
  const { api } = createMlspaceClient({ url: 'http://mlspace.test', token: 't', fetch: fetchImpl });
  const error = await api.projects.create.mutate({ name: 'Bad' } as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MlspaceError);
  expect(error).toMatchObject({
    code: 'BAD_REQUEST',
    status: 400,
    message: 'name: must be lowercase',
    fieldErrors: [{ path: 'name', message: 'must be lowercase' }],
    procedure: 'projects.create',
  });
});

test('a throttled or unavailable query is tried again until it succeeds', async () => {
  const { fetchImpl, sent } = scriptedFetch([
    trpcError(429, 'TOO_MANY_REQUESTS', 'slow down'),
    trpcError(503, 'SERVICE_UNAVAILABLE', 'DynamoDB is not answering'),
    new TypeError('fetch failed'),
    ok('fine'),
  ]);
  const { api } = createMlspaceClient({
    url: 'http://mlspace.test',
    token: 't',
    fetch: fetchImpl,
    retry: fastRetries,
  });
  expect(await api.me.get.query()).toBe('fine');
  expect(sent).toHaveLength(4);
});

test('a query gives up after its tries and reports the last failure', async () => {
  const { fetchImpl, sent } = scriptedFetch([
    trpcError(503, 'SERVICE_UNAVAILABLE', 'down'),
    trpcError(503, 'SERVICE_UNAVAILABLE', 'still down'),
  ]);
  const { api } = createMlspaceClient({
    url: 'http://mlspace.test',
    token: 't',
    fetch: fetchImpl,
    retry: { ...fastRetries, tries: 2 },
  });
  await expect(api.me.get.query()).rejects.toMatchObject({ status: 503, message: 'still down' });
  expect(sent).toHaveLength(2);
});

test('a mutation is tried again after 429 but never after 503 or a lost answer, which may have changed something', async () => {
  const throttled = scriptedFetch([trpcError(429, 'TOO_MANY_REQUESTS', 'slow down'), ok(null)]);
  const first = createMlspaceClient({
    url: 'http://mlspace.test',
    token: 't',
    fetch: throttled.fetchImpl,
    retry: fastRetries,
  });
  await first.api.notebooks.start.mutate({ name: 'nb' });
  expect(throttled.sent).toHaveLength(2);

  for (const failure of [
    trpcError(503, 'SERVICE_UNAVAILABLE', 'down'),
    new TypeError('fetch failed'),
  ]) {
    const { fetchImpl, sent } = scriptedFetch([failure, ok(null)]);
    const { api } = createMlspaceClient({
      url: 'http://mlspace.test',
      token: 't',
      fetch: fetchImpl,
      retry: fastRetries,
    });
    await expect(api.notebooks.start.mutate({ name: 'nb' })).rejects.toBeInstanceOf(MlspaceError);
    expect(sent).toHaveLength(1);
  }
});

test('a refusal that retrying cannot change (401, 403, 404, 400) is not retried', async () => {
  const { fetchImpl, sent } = scriptedFetch([trpcError(403, 'FORBIDDEN', 'not a member')]);
  const { api } = createMlspaceClient({
    url: 'http://mlspace.test',
    token: 't',
    fetch: fetchImpl,
    retry: fastRetries,
  });
  await expect(api.me.get.query()).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
  expect(sent).toHaveLength(1);
});

test('an answer that is not tRPC JSON (a proxy page) still carries its HTTP status', async () => {
  const { fetchImpl } = scriptedFetch([
    new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
  ]);
  const { api } = createMlspaceClient({
    url: 'http://mlspace.test',
    token: 't',
    fetch: fetchImpl,
    retry: { ...fastRetries, tries: 1 },
  });
  await expect(api.me.get.query()).rejects.toMatchObject({ status: 502, code: 'BAD_GATEWAY' });
});

test('the token file is read again for each call, so a rewritten token is used at once', async () => {
  const folder = temporaryFolder();
  const tokenFile = path.join(folder, 'token');
  writeFileSync(tokenFile, 'mls_first_1\n');
  const { fetchImpl, sent } = scriptedFetch([ok(1), ok(2)]);
  const connection = resolveConnection(
    {},
    { MLSPACE_API_URL: 'http://notebook.test/api', MLSPACE_TOKEN_FILE: tokenFile, HOME: folder },
  );
  const { api } = createMlspaceClient({ ...connection, fetch: fetchImpl });
  await api.me.get.query();
  writeFileSync(tokenFile, 'mls_second_2\n');
  await api.me.get.query();
  expect(sent.map((request) => request.authorization)).toEqual([
    'Bearer mls_first_1',
    'Bearer mls_second_2',
  ]);
  expect(sent[0]?.url).toMatch(/^http:\/\/notebook\.test\/api\/trpc\/me\.get/);
});

test('explicit options win over the environment, which wins over the config file', () => {
  const home = temporaryFolder();
  writeConfigFile({ HOME: home }, { url: 'http://saved.test', token: 'saved' });
  const environment = { HOME: home, MLSPACE_API_URL: 'http://env.test', MLSPACE_TOKEN: 'env' };
  const token = (options: Parameters<typeof resolveConnection>[0], env: typeof environment) => {
    const connection = resolveConnection(options, env);
    return [connection.url, connection.token()];
  };
  expect(token({ url: 'http://given.test', token: 'given' }, environment)).toEqual([
    'http://given.test',
    'given',
  ]);
  expect(token({}, environment)).toEqual(['http://env.test', 'env']);
  expect(token({}, { HOME: home } as typeof environment)).toEqual(['http://saved.test', 'saved']);
});

test('a token saved for one URL is never sent to another', () => {
  const home = temporaryFolder();
  writeConfigFile({ HOME: home }, { url: 'http://saved.test', token: 'saved' });
  expect(() => resolveConnection({ url: 'http://other.test' }, { HOME: home })).toThrow(
    /No token for http:\/\/other\.test/,
  );
});

test('nothing configured says how to sign in', () => {
  expect(() => resolveConnection({}, { HOME: temporaryFolder() })).toThrow(/mlspace login/);
  expect(() => resolveConnection({}, { HOME: temporaryFolder() })).toThrow(
    expect.objectContaining({ code: 'NOT_CONFIGURED' }) as Error,
  );
});

test('the config file is readable by its owner only, even over a file another umask left open', () => {
  const home = temporaryFolder();
  const file = configFilePath({ XDG_CONFIG_HOME: path.join(home, 'xdg') });
  expect(file).toBe(path.join(home, 'xdg', 'mlspace', 'config.json'));
  writeConfigFile(
    { XDG_CONFIG_HOME: path.join(home, 'xdg') },
    { url: 'http://a.test', token: 'one' },
  );
  chmodSync(file, 0o644);
  writeConfigFile(
    { XDG_CONFIG_HOME: path.join(home, 'xdg') },
    { url: 'http://a.test', token: 'two' },
  );
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: 'http://a.test', token: 'two' });
});

test('backoff doubles up to its ceiling and is spread by jitter', () => {
  const policy = { tries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs(policy, retry, () => 1))).toEqual([
    100, 200, 400, 800, 1000,
  ]);
  expect(retryDelayMs(policy, 3, () => 0)).toBe(200);
});
