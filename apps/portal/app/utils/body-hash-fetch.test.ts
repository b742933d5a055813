import { expect, test } from 'vitest';

import { fetchWithBodyHash } from './body-hash-fetch';

function recordingFetch() {
  const sent: { init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ init });
    return new Response('{}');
  }) as typeof fetch;
  return { sent, fetchImpl };
}

test("a POST carries its body's SHA-256 in x-amz-content-sha256, beside its own headers", async () => {
  const { sent, fetchImpl } = recordingFetch();

  await fetchWithBodyHash(fetchImpl)('/api/trpc/playground.converse?batch=1', {
    method: 'POST',
    headers: { 'x-mlspace-csrf': 'token', 'content-type': 'application/json' },
    body: 'abc',
  });

  const headers = new Headers(sent[0]!.init!.headers);
  // SHA-256("abc"), FIPS 180-2's first example.
  expect(headers.get('x-amz-content-sha256')).toBe(
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
  expect(headers.get('x-mlspace-csrf')).toBe('token');
  expect(sent[0]!.init!.body).toBe('abc');
  expect(sent[0]!.init!.method).toBe('POST');
});

test('a request without a body goes as it was', async () => {
  const { sent, fetchImpl } = recordingFetch();
  const init = { method: 'GET', headers: { 'x-mlspace-csrf': 'token' } };

  await fetchWithBodyHash(fetchImpl)('/api/trpc/me.get', init);

  expect(sent[0]!.init).toBe(init);
});
