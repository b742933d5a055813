// A tiny tRPC-over-fetch client for benchmarks: session cookie plus the CSRF header mutations need.
export function apiClient(baseUrl, cookie) {
  const csrf = decodeURIComponent(/(?:^|;\s*)mlspace_csrf=([^;]+)/.exec(cookie)?.[1] ?? '');
  async function unwrap(procedure, response) {
    const body = await response.json();
    if (!response.ok)
      throw new Error(
        `${procedure} failed (${response.status}): ${body.error?.message ?? JSON.stringify(body)}`,
      );
    return body.result.data;
  }
  return {
    async query(procedure, input) {
      const response = await fetch(
        `${baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
        { headers: { cookie } },
      );
      return unwrap(procedure, response);
    },
    async mutate(procedure, input) {
      const response = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-mlspace-csrf': csrf },
        body: JSON.stringify(input),
      });
      return unwrap(procedure, response);
    },
  };
}
