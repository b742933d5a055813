import { Writable } from 'node:stream';

import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { expect, test, vi } from 'vitest';

import {
  createStreamingLambdaHandler,
  type LambdaStreamingRuntime,
  type ResponsePrelude,
  type StreamingLambdaHandler,
} from './stream-handler';

type Written = ['prelude', ResponsePrelude] | ['chunk', string] | ['end'];

/**
 * The Lambda runtime's `awslambda` as this entry uses it: `streamifyResponse` marks the handler,
 * and `HttpResponseStream.from` sends the prelude on the response stream and returns it for the
 * body. Everything reaching the client is recorded in order.
 */
function fakeLambdaRuntime() {
  const written: Written[] = [];
  const streamified = new Set<StreamingLambdaHandler>();
  const runtime: LambdaStreamingRuntime = {
    streamifyResponse: (handler) => {
      streamified.add(handler);
      return handler;
    },
    HttpResponseStream: {
      from(responseStream, prelude) {
        written.push(['prelude', prelude]);
        return responseStream;
      },
    },
  };
  const responseStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(['chunk', chunk.toString('utf8')]);
      done();
    },
    final(done) {
      written.push(['end']);
      done();
    },
  });
  return { runtime, responseStream, written, streamified };
}

/** A Function URL event (payload 2.0) as CloudFront forwards the portal's streamed call. */
function functionUrlEvent(
  rawPath: string,
  options: { headers?: Record<string, string>; cookies?: string[]; body?: string } = {},
): LambdaFunctionURLEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: 'batch=1',
    cookies: options.cookies,
    headers: {
      host: 'abcdef.lambda-url.eu-west-1.on.aws',
      'x-mlspace-viewer-host': 'd111111abcdef8.cloudfront.net',
      'content-type': 'application/json',
      'trpc-accept': 'application/jsonl',
      ...options.headers,
    },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdef',
      domainName: 'abcdef.lambda-url.eu-west-1.on.aws',
      domainPrefix: 'abcdef',
      http: {
        method: 'POST',
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'Amazon CloudFront',
      },
      requestId: 'request-1',
      routeKey: '$default',
      stage: '$default',
      time: '01/Dec/2026:10:00:00 +0000',
      timeEpoch: Date.now(),
    },
    body: options.body ?? '{"0":{"project":"vision"}}',
    isBase64Encoded: false,
  };
}

const conversePath = '/api/trpc/playground.converse';

/** The JSON body of an answer written in one chunk (the entry's own refusals). */
const bodyOf = (written: Written[]) =>
  JSON.parse((written[1] as ['chunk', string])[1]) as { error: { message: string } };

test('the status, headers and cookies go first, then each body chunk as the API produces it, in order', async () => {
  const { runtime, responseStream, written, streamified } = fakeLambdaRuntime();
  let body!: ReadableStreamDefaultController<Uint8Array>;
  const headers = new Headers({
    'content-type': 'application/json',
    'transfer-encoding': 'chunked',
    'x-content-type-options': 'nosniff',
  });
  headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
  headers.append('set-cookie', 'b=2; Path=/');
  const handler = createStreamingLambdaHandler(
    () => async () =>
      new Response(new ReadableStream<Uint8Array>({ start: (controller) => (body = controller) }), {
        status: 200,
        headers,
      }),
    runtime,
  );
  expect(streamified.has(handler)).toBe(true);
  const encode = (text: string) => new TextEncoder().encode(text);

  const finished = handler(functionUrlEvent(conversePath), responseStream);

  // Each step waits for the previous write: a buffered response would never get past the first.
  await vi.waitFor(() => expect(written).toHaveLength(1));
  expect(written[0]).toEqual([
    'prelude',
    {
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' },
      cookies: ['a=1; Path=/; HttpOnly', 'b=2; Path=/'],
    },
  ]);
  body.enqueue(encode('{"0":[{"type":"text","text":"Hel"}]}\n'));
  await vi.waitFor(() => expect(written).toHaveLength(2));
  body.enqueue(encode('{"0":[{"type":"text","text":"lo"}]}\n'));
  await vi.waitFor(() => expect(written).toHaveLength(3));
  body.close();
  await finished;

  expect(written.slice(1)).toEqual([
    ['chunk', '{"0":[{"type":"text","text":"Hel"}]}\n'],
    ['chunk', '{"0":[{"type":"text","text":"lo"}]}\n'],
    ['end'],
  ]);
});

test('the API gets the request as the HTTP API entry gives it, on the host the browser addressed', async () => {
  const { runtime, responseStream } = fakeLambdaRuntime();
  const seen: { publicUrl: string; request: Request }[] = [];
  const handler = createStreamingLambdaHandler(
    (publicUrl) => async (request) => {
      seen.push({ publicUrl, request });
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    },
    runtime,
  );

  await handler(
    functionUrlEvent(conversePath, {
      cookies: ['mlspace_session=s', 'mlspace_csrf=c'],
      headers: { 'x-mlspace-csrf': 'c' },
      body: '{"0":{"project":"vision","messages":[]}}',
    }),
    responseStream,
  );

  expect(seen).toHaveLength(1);
  const { publicUrl, request } = seen[0]!;
  expect(publicUrl).toBe('https://d111111abcdef8.cloudfront.net');
  expect(request.url).toBe(`https://d111111abcdef8.cloudfront.net${conversePath}?batch=1`);
  expect(request.method).toBe('POST');
  expect(request.headers.get('cookie')).toBe('mlspace_session=s; mlspace_csrf=c');
  expect(request.headers.get('x-mlspace-csrf')).toBe('c');
  expect(await request.text()).toBe('{"0":{"project":"vision","messages":[]}}');
});

test('an error before the answer begins is answered 500 with a JSON message, and logged', async () => {
  const { runtime, responseStream, written } = fakeLambdaRuntime();
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const handler = createStreamingLambdaHandler(
    () => () => Promise.reject(new Error('DynamoDB is unreachable')),
    runtime,
  );

  await handler(functionUrlEvent(conversePath), responseStream);

  const [, prelude] = written[0] as ['prelude', ResponsePrelude];
  expect(prelude.statusCode).toBe(500);
  expect(prelude.headers['content-type']).toBe('application/json');
  expect(prelude.cookies).toEqual([]);
  expect(bodyOf(written)).toEqual({
    error: { message: 'The API failed before its answer began; try again.' },
  });
  expect(written.at(-1)).toEqual(['end']);
  expect(logged).toHaveBeenCalledWith(
    `Streamed API request POST ${conversePath} failed:`,
    expect.objectContaining({ message: 'DynamoDB is unreachable' }),
  );
  logged.mockRestore();
});

test("the API's own refusal before streaming keeps its status (413 for a body over the limit)", async () => {
  const { runtime, responseStream, written } = fakeLambdaRuntime();
  const handler = createStreamingLambdaHandler(
    () => async () =>
      Response.json({ error: { message: 'The request body is over 1 MiB' } }, { status: 413 }),
    runtime,
  );

  await handler(functionUrlEvent(conversePath), responseStream);

  expect(written[0]).toEqual(['prelude', expect.objectContaining({ statusCode: 413 })]);
  expect(written[1]![1]).toContain('over 1 MiB');
});

test.each([
  ['another procedure', '/api/trpc/me.get'],
  ['a batch with another procedure', '/api/trpc/playground.converse,me.get'],
  ['sign-in', '/api/auth/login'],
])(
  '%s is refused 404 naming what this function serves, without calling the API',
  async (_, path) => {
    const { runtime, responseStream, written } = fakeLambdaRuntime();
    const api = vi.fn();
    const handler = createStreamingLambdaHandler(api, runtime);

    await handler(functionUrlEvent(path), responseStream);

    expect(api).not.toHaveBeenCalled();
    expect(written[0]).toEqual(['prelude', expect.objectContaining({ statusCode: 404 })]);
    expect(bodyOf(written).error.message).toBe(
      `No streamed API route POST ${path}: this function serves playground.converse only`,
    );
  },
);

test('a batch of streamed calls is served', async () => {
  const { runtime, responseStream, written } = fakeLambdaRuntime();
  const handler = createStreamingLambdaHandler(() => async () => new Response('{}'), runtime);

  await handler(functionUrlEvent(`${conversePath},playground.converse`), responseStream);

  expect(written[0]).toEqual(['prelude', expect.objectContaining({ statusCode: 200 })]);
});

test.each([
  ['without', undefined],
  ['with a malformed', 'evil.example.com/path'],
])(
  'a request %s viewer host (not through CloudFront) is refused 403 naming the header',
  async (_, viewerHost) => {
    const { runtime, responseStream, written } = fakeLambdaRuntime();
    const api = vi.fn();
    const handler = createStreamingLambdaHandler(api, runtime);
    const event = functionUrlEvent(conversePath);
    if (viewerHost === undefined) delete event.headers['x-mlspace-viewer-host'];
    else event.headers['x-mlspace-viewer-host'] = viewerHost;

    await handler(event, responseStream);

    expect(api).not.toHaveBeenCalled();
    expect(written[0]).toEqual(['prelude', expect.objectContaining({ statusCode: 403 })]);
    expect(bodyOf(written).error.message).toMatch(
      /^x-mlspace-viewer-host: must name the host the browser addressed/,
    );
  },
);
