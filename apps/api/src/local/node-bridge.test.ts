import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, expect, test } from 'vitest';

import { sendFetchResponse } from './node-bridge';

const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function serving(answer: () => Response): Promise<string> {
  const server = http.createServer((_req, res) => void sendFetchResponse(res, answer()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

test('a JSON answer leaves whole, with its length, not in chunks', async () => {
  const url = await serving(() => Response.json({ items: ['a', 'b'] }));

  const response = await fetch(url);

  expect(response.headers.get('content-length')).toBe('19');
  expect(response.headers.get('transfer-encoding')).toBeNull();
  expect(await response.json()).toEqual({ items: ['a', 'b'] });
});

test('a streamed answer (tRPC JSON lines) reaches the client part by part, as it is made', async () => {
  let sendSecond = () => {};
  const url = await serving(() => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"first":1}\n'));
        sendSecond = () => {
          controller.enqueue(new TextEncoder().encode('{"second":2}\n'));
          controller.close();
        };
      },
    });
    return new Response(body, { headers: { 'content-type': 'application/jsonl' } });
  });

  const response = await fetch(url);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  // Only now is the second part made: a buffered answer would never have sent the first.
  sendSecond();
  let rest = '';
  for (let part = await reader.read(); !part.done; part = await reader.read())
    rest += new TextDecoder().decode(part.value);

  expect(new TextDecoder().decode(first.value)).toBe('{"first":1}\n');
  expect(rest).toBe('{"second":2}\n');
});
