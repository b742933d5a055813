import { QueryClient, dehydrate, type DehydratedState } from '@tanstack/react-query';
import { createTRPCQueryUtils } from '@trpc/react-query';
import type { RouterContextProvider } from 'react-router';

import type { AppRouter } from '@mlspace/api';

import { apiContext } from './caller.server';

export type ServerQueries = ReturnType<typeof createTRPCQueryUtils<AppRouter>>;

/**
 * Runs a loader's queries on the server with the same procedures, inputs and query keys the page's
 * `trpc.*.useQuery` calls use, and returns them dehydrated: the page's first render (on the server
 * and in the browser) finds its data in the cache, and its client queries take over from there
 * (polling for live status, refetching after changes). A query that fails is left out, so the
 * page shows its error as it would have without the loader.
 */
export async function prefetchQueries(
  context: Readonly<RouterContextProvider>,
  queries: (utils: ServerQueries) => Promise<unknown>[],
): Promise<{ dehydrated: DehydratedState }> {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const utils = createTRPCQueryUtils<AppRouter>({ queryClient, client: context.get(apiContext) });
  await Promise.all(queries(utils));
  return { dehydrated: dehydrate(queryClient) };
}
