/**
 * The largest request body the API reads. Files never pass through the API (they go to S3 with
 * presigned URLs), and the largest input (completing a 10,000-part upload) is about 600 KB.
 * Anything bigger is refused with 413 before it is parsed, on the local server and on Lambda.
 */
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';

export const maxRequestBodyBytes = 1024 * 1024;

const refusal = `The request body is larger than ${maxRequestBodyBytes} bytes (1 MiB), the most the API accepts`;

/**
 * The request with its body read into memory, or null when the body is over the limit. A declared
 * Content-Length is refused before reading; a chunked body is counted while it streams and
 * abandoned as soon as it passes the limit.
 */
export async function withBoundedBody(request: Request): Promise<Request | null> {
  if (!request.body) return request;
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxRequestBodyBytes) {
    await request.body.cancel().catch(() => undefined);
    return null;
  }
  // A request body is bytes; Node's fetch types its stream as carrying `any`.
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxRequestBodyBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: Buffer.concat(chunks),
  });
}

/** 413 in tRPC's error shape (one entry per procedure for a batch), so clients show the message. */
export function payloadTooLarge(request: Request, trpcEndpoint: string): Response {
  const { pathname, searchParams } = new URL(request.url);
  const paths = pathname.startsWith(`${trpcEndpoint}/`)
    ? decodeURIComponent(pathname.slice(trpcEndpoint.length + 1)).split(',')
    : [undefined];
  const errors = paths.map((path) => ({
    error: {
      message: refusal,
      code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE,
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, path, fieldErrors: null },
    },
  }));
  const batch = searchParams.get('batch') === '1' && paths[0] !== undefined;
  return Response.json(batch ? errors : errors[0], {
    status: 413,
    headers: { 'cache-control': 'no-store' },
  });
}
