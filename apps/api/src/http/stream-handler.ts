/**
 * The API's streaming Lambda entry (ADR 017): behind a Function URL in RESPONSE_STREAM mode, which
 * CloudFront reaches for the procedures whose answer streams (the playground's reply). API
 * Gateway's HTTP API buffers a Lambda's whole response, so this path bypasses it.
 *
 * The event (payload 2.0, as the HTTP API's) becomes a fetch Request for the same handler as every
 * other API call (`createApiHandler`: body limit, caller and CSRF checks, security headers, error
 * mapping), and its Response is written to Lambda's response stream chunk by chunk as tRPC
 * produces it. tRPC's own `awsLambdaStreamingRequestHandler` was not used: it takes the procedure
 * from the whole raw path (`api/trpc/playground.converse` under a Function URL) and goes straight
 * to `resolveResponse`, so none of those checks would run.
 */
import { Readable, type Writable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';

import type { LambdaFunctionURLEvent } from 'aws-lambda';

import type { ApiServices } from '../services';
import { createApiHandler, TRPC_ENDPOINT } from './api-handler';
import { requestFromEvent } from './lambda-handler';

/** The procedures CloudFront sends here (infra-tf's streamed path); anything else is refused. */
export const STREAMED_PROCEDURES: ReadonlySet<string> = new Set(['playground.converse']);

/**
 * The host the browser addressed, written by a CloudFront Function on the streamed path (over any
 * value the viewer sent). Terraform cannot give this function the portal's URL: the distribution's
 * origin is this function's URL, so its domain as a variable would be a cycle.
 */
export const VIEWER_HOST_HEADER = 'x-mlspace-viewer-host';

/** What `awslambda.HttpResponseStream.from` sends before the body. */
export interface ResponsePrelude {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
}

export type StreamingLambdaHandler = (
  event: LambdaFunctionURLEvent,
  responseStream: Writable,
) => Promise<void>;

/** The part of the Lambda Node.js runtime's `awslambda` global that response streaming uses. */
export interface LambdaStreamingRuntime {
  streamifyResponse(handler: StreamingLambdaHandler): StreamingLambdaHandler;
  HttpResponseStream: { from(responseStream: Writable, prelude: ResponsePrelude): Writable };
}

/**
 * The runtime's streaming API, present only inside the Lambda runtime. Elsewhere (tests, benchmarks
 * importing the bundle) `awslambda` may still exist: the AWS SDK's invoke store creates it empty.
 */
export function lambdaStreamingRuntime(): LambdaStreamingRuntime | undefined {
  const runtime = (globalThis as unknown as { awslambda?: Partial<LambdaStreamingRuntime> })
    .awslambda;
  return typeof runtime?.streamifyResponse === 'function' && runtime.HttpResponseStream
    ? (runtime as LambdaStreamingRuntime)
    : undefined;
}

type ApiHandler = (request: Request) => Promise<Response>;

/** The API handler for a request addressed to `publicUrl`, as the same-origin check needs it. */
export function apiOnPublicUrl(services: ApiServices): (publicUrl: string) => ApiHandler {
  return (publicUrl) =>
    createApiHandler({ ...services, settings: { ...services.settings, publicUrl } });
}

export function createStreamingLambdaHandler(
  apiFor: (publicUrl: string) => ApiHandler,
  runtime: LambdaStreamingRuntime,
): StreamingLambdaHandler {
  return runtime.streamifyResponse(async (event, responseStream) => {
    const response = await respond(apiFor, event);
    const stream = runtime.HttpResponseStream.from(responseStream, preludeOf(response));
    if (!response.body) {
      stream.end();
      return;
    }
    // pipeline writes each chunk as it is read and destroys both ends if either fails.
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), stream);
  });
}

async function respond(
  apiFor: (publicUrl: string) => ApiHandler,
  event: LambdaFunctionURLEvent,
): Promise<Response> {
  const method = event.requestContext.http.method;
  if (!isStreamedPath(event.rawPath))
    return errorResponse(
      404,
      `No streamed API route ${method} ${event.rawPath}: this function serves ${[...STREAMED_PROCEDURES].join(', ')} only`,
    );
  const viewerHost = event.headers?.[VIEWER_HOST_HEADER];
  if (!viewerHost || !/^[a-z0-9.-]+(:\d+)?$/i.test(viewerHost))
    return errorResponse(
      403,
      `${VIEWER_HOST_HEADER}: must name the host the browser addressed, as the portal's CloudFront distribution sets it; this function answers only through it`,
    );
  const publicUrl = `https://${viewerHost}`;
  try {
    return await apiFor(publicUrl)(requestFromEvent(event, publicUrl));
  } catch (error) {
    // Nothing has been sent yet, so the status can still say so.
    console.error(`Streamed API request ${method} ${event.rawPath} failed:`, error);
    return errorResponse(500, 'The API failed before its answer began; try again.');
  }
}

/** `/api/trpc/a` or a batch `/api/trpc/a,b`, every procedure a streamed one. */
function isStreamedPath(path: string): boolean {
  if (!path.startsWith(`${TRPC_ENDPOINT}/`)) return false;
  const procedures = path.slice(TRPC_ENDPOINT.length + 1).split(',');
  return procedures.every((procedure) => STREAMED_PROCEDURES.has(procedure));
}

/** The response stream frames the body itself: the Response's own framing headers would lie. */
const framingHeaders = new Set(['transfer-encoding', 'content-length', 'connection']);

function preludeOf(response: Response): ResponsePrelude {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && !framingHeaders.has(name)) headers[name] = value;
  });
  return { statusCode: response.status, headers, cookies: response.headers.getSetCookie() };
}

function errorResponse(status: number, message: string): Response {
  return Response.json(
    { error: { message } },
    { status, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } },
  );
}
