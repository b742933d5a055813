/**
 * The local server's HTTP edge (node-bridge + the API handler) under hostile bodies: a refused
 * body must not stall the next request on the same connection, and bodies over the limit are
 * refused with 413 before they are read.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, expect, test } from 'vitest';

import { createApiHandler } from '../src/http/api-handler';
import { maxRequestBodyBytes } from '../src/http/body-limit';
import { createLambdaHandler } from '../src/http/lambda-handler';
import { sendFetchResponse, toFetchRequest } from '../src/local/node-bridge';
import { createTestServices } from './harness';
import { httpApiEvent } from './lambda-events';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

/** Serves `handle` the way server.ts serves /api: Node request -> fetch Request -> Node response. */
async function serve(handle: (request: Request) => Promise<Response>): Promise<string> {
  const server = http.createServer((req, res) => {
    void handle(toFetchRequest(req, 'http://localhost:3999')).then((response) =>
      sendFetchResponse(res, response),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Answer {
  status: number;
  body: string;
  reusedSocket: boolean;
  connection: string | undefined;
}

function send(
  agent: http.Agent,
  url: string,
  options: { method?: string; body?: Buffer; chunked?: boolean; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
    if (options.chunked) headers['transfer-encoding'] = 'chunked';
    else if (options.body) headers['content-length'] = options.body.length;
    const request = http.request(url, { agent, method: options.method ?? 'GET', headers });
    let answered = false;
    request.setTimeout(options.timeoutMs ?? 3_000, () =>
      request.destroy(new Error(`no answer within ${options.timeoutMs ?? 3_000} ms`)),
    );
    request.on('response', (response) => {
      answered = true;
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body,
          reusedSocket: request.reusedSocket,
          connection: response.headers.connection,
        }),
      );
    });
    // Once the server has answered it may close while we are still sending: that is its right.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (!options.body) return void request.end();
    if (!options.chunked) return void request.end(options.body);
    // A chunked body in 64 KiB pieces, stopping as soon as the server has answered.
    let offset = 0;
    const writeMore = () => {
      while (!answered && offset < options.body!.length) {
        const piece = options.body!.subarray(offset, offset + 65_536);
        offset += piece.length;
        if (!request.write(piece)) return void request.once('drain', writeMore);
      }
      request.end();
    };
    writeMore();
  });
}

const largeButAllowed = Buffer.alloc(200 * 1024, 'a');
const tooLarge = Buffer.alloc(maxRequestBodyBytes + 1, 'a');

test('a handler that refuses a 200 KB body unread does not stall the next request on the connection', async () => {
  const url = await serve(async () => Response.json({ refused: true }, { status: 401 }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  const refused = await send(agent, `${url}/api/trpc/me.updatePreferences`, {
    method: 'POST',
    body: largeButAllowed,
  });
  const next = await send(agent, `${url}/api/health`, { timeoutMs: 2_000 });

  expect(refused.status).toBe(401);
  expect(next.status).toBe(401);
  agent.destroy();
});

test('an anonymous mutation with a 200 KB body gets 401 and the same connection then serves the next request', async () => {
  const handleApi = createApiHandler(await createTestServices());
  const url = await serve(handleApi);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  const refused = await send(agent, `${url}/api/trpc/me.updatePreferences`, {
    method: 'POST',
    body: largeButAllowed,
  });
  const next = await send(agent, `${url}/api/health`, { timeoutMs: 2_000 });

  expect(refused.status).toBe(401);
  expect(next.status).toBe(200);
  expect(next.reusedSocket).toBe(true);
  agent.destroy();
});

test.each([
  ['with a Content-Length', false],
  ['sent chunked', true],
])(
  'a body over 1 MiB %s gets 413 naming the limit, and the next request is served',
  async (_how, chunked) => {
    const handleApi = createApiHandler(await createTestServices());
    const url = await serve(handleApi);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

    const refused = await send(agent, `${url}/api/trpc/me.updatePreferences`, {
      method: 'POST',
      body: chunked ? Buffer.alloc(8 * maxRequestBodyBytes, 'a') : tooLarge,
      chunked,
    });
    const next = await send(agent, `${url}/api/health`, { timeoutMs: 2_000 });

    expect(refused.status).toBe(413);
    expect(refused.connection).toBe('close');
    expect(JSON.parse(refused.body)).toMatchObject({
      error: {
        message: expect.stringContaining('1048576 bytes (1 MiB)'),
        data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, path: 'me.updatePreferences' },
      },
    });
    expect(next.status).toBe(200);
    agent.destroy();
  },
);

test('a batched call with an oversized body gets one 413 error per procedure', async () => {
  const handleApi = createApiHandler(await createTestServices());

  const response = await handleApi(
    new Request('http://localhost:3999/api/trpc/me.updatePreferences,me.get?batch=1', {
      method: 'POST',
      body: tooLarge,
    }),
  );

  expect(response.status).toBe(413);
  const body = (await response.json()) as Array<{ error: { data: { path: string } } }>;
  expect(body.map((entry) => entry.error.data.path)).toEqual(['me.updatePreferences', 'me.get']);
});

test('the Lambda handler refuses an oversized body with 413 too', async () => {
  const handler = createLambdaHandler(await createTestServices());

  const result = await handler(
    httpApiEvent('POST', '/api/trpc/me.updatePreferences', {
      headers: { 'content-type': 'application/json' },
      body: tooLarge.toString(),
    }),
  );

  expect(result.statusCode).toBe(413);
  expect(result.body).toContain('PAYLOAD_TOO_LARGE');
});
