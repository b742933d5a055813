/**
 * On AWS the streamed procedures reach a Lambda Function URL through CloudFront's origin access
 * control, which signs each request for Lambda but does not hash the body: Lambda refuses a POST
 * whose body's SHA-256 is not in `x-amz-content-sha256` (ADR 017). The local server ignores it.
 */
export const BODY_HASH_HEADER = 'x-amz-content-sha256';

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A fetch that adds the body's hash to every request with a text body (tRPC's POSTs). */
export function fetchWithBodyHash(fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    // WebCrypto needs a secure context; a plain-http local origin other than localhost has none,
    // and only the AWS path needs the hash.
    if (typeof init?.body !== 'string' || !globalThis.crypto?.subtle) return fetchImpl(input, init);
    const headers = new Headers(init.headers);
    headers.set(BODY_HASH_HEADER, await sha256Hex(init.body));
    return fetchImpl(input, { ...init, headers });
  };
}
