import type { Page } from 'playwright-core';

/**
 * Calls a tRPC procedure from inside the page, with its session cookie and CSRF header, for
 * setting up what a scenario needs when no page for it exists yet.
 */
export async function callApi<T = unknown>(
  page: Page,
  procedure: string,
  input: unknown,
  kind: 'query' | 'mutation' = 'mutation',
): Promise<T> {
  const result = await page.evaluate(
    async ({ procedure, input, kind }) => {
      const csrf = decodeURIComponent(
        /(?:^|;\s*)mlspace_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '',
      );
      const response =
        kind === 'query'
          ? await fetch(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`)
          : await fetch(`/api/trpc/${procedure}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-mlspace-csrf': csrf },
              body: JSON.stringify(input),
            });
      return {
        status: response.status,
        body: (await response.json()) as {
          result?: { data: unknown };
          error?: { message: string };
        },
      };
    },
    { procedure, input, kind },
  );
  if (result.status !== 200)
    throw new Error(
      `${procedure} failed (${result.status}): ${result.body.error?.message ?? 'unknown error'}`,
    );
  return result.body.result?.data as T;
}
