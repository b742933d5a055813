import { createTRPCReact, httpBatchLink } from '@trpc/react-query';
import type { inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from '@mlspace/api';

export const trpc = createTRPCReact<AppRouter>();
export type Outputs = inferRouterOutputs<AppRouter>;

function csrfToken(): string {
  const match = /(?:^|;\s*)mlspace_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

export function createBrowserTrpcClient() {
  return trpc.createClient({
    links: [
      httpBatchLink({
        url: '/api/trpc',
        headers: () => ({ 'x-mlspace-csrf': csrfToken() }),
      }),
    ],
  });
}

export { csrfToken };
