import type { IncomingMessage, ServerResponse } from 'node:http';

/** Turns a Node request into a fetch Request so the same handlers serve Lambda and local mode. */
export function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? bodyStream(req) : undefined,
    // Node's fetch needs duplex for streamed bodies.
    duplex: hasBody ? 'half' : undefined,
  });
}

/**
 * The request body as a web stream. Unlike Readable.toWeb, cancelling it (a handler refusing a
 * body it will not read) discards the rest instead of destroying the socket, so the refusal can
 * still be written.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const discard = () => {
    req.removeAllListeners('data');
    req.resume();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => controller.close());
      req.once('error', (error) => controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel: discard,
  });
}

/** `application/json`, not tRPC's streamed `application/jsonl`. */
const wholeJson = /^application\/json\s*(;|$)/i;

export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  // A request body left unread would be parsed as the next request on this keep-alive connection
  // and stall it; answer, then close the connection, so no request can affect the one after it.
  if (!res.req.complete) headers.connection = 'close';
  // A JSON document is complete only at its end: sent whole with its length, headers and body
  // leave in one write instead of three chunked ones. Other bodies (streamed replies) flow as made.
  if (response.body && wholeJson.test(response.headers.get('content-type') ?? '')) {
    const body = Buffer.from(await response.arrayBuffer());
    headers['content-length'] = String(body.byteLength);
    res.writeHead(response.status, response.statusText, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}
