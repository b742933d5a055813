import { createTRPCReact, httpBatchLink, httpBatchStreamLink, splitLink } from '@trpc/react-query';
import type { inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from '@mlspace/api';

export const trpc = createTRPCReact<AppRouter>();
export type Outputs = inferRouterOutputs<AppRouter>;

function csrfToken(): string {
  const match = /(?:^|;\s*)mlspace_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

/**
 * Procedures whose answer streams (an async generator on the server): the playground's reply,
 * read piece by piece through httpBatchStreamLink (JSON lines). Everything else stays on
 * httpBatchLink, whose responses may set headers. On AWS CloudFront sends exactly these paths to
 * a Lambda Function URL that streams (infra-tf's streamed path, ADR 017), which needs each POST's
 * body hash.
 */
const streamedProcedures = new Set(['playground.converse']);

/** The body-hash fetch loads with the first streamed call, not with every page. */
const hashingFetch: typeof fetch = async (input, init) =>
  (await import('./body-hash-fetch')).fetchWithBodyHash()(input, init);

export function createBrowserTrpcClient() {
  const options = {
    url: '/api/trpc',
    headers: () => ({ 'x-mlspace-csrf': csrfToken() }),
  };
  return trpc.createClient({
    links: [
      splitLink({
        condition: (operation) => streamedProcedures.has(operation.path),
        true: httpBatchStreamLink({ ...options, fetch: hashingFetch }),
        false: httpBatchLink(options),
      }),
    ],
  });
}

export { csrfToken };
