import { HydrationBoundary, type DehydratedState } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useMatches } from 'react-router';

function dehydratedOf(loaderData: unknown): DehydratedState | null {
  const candidate = (loaderData as { dehydrated?: DehydratedState } | null | undefined)?.dehydrated;
  return candidate ?? null;
}

/**
 * Puts the queries every matched route's loader prefetched (`prefetchQueries`) into the page's
 * QueryClient before the page renders, so its `useQuery` calls start with the server's data.
 * One boundary for all matches: wrapping per route would remount the page whenever the number of
 * matched routes changes.
 */
export function LoaderQueries({ children }: { children: ReactNode }) {
  const states = useMatches()
    .map((match) => dehydratedOf(match.loaderData))
    .filter((state): state is DehydratedState => state !== null);
  // A loader that ran again returns queries fetched later; the boundary should see a new state
  // then, and only then (a new object on every render would hydrate on every render).
  const signature = states
    .flatMap((state) =>
      state.queries.map((query) => `${query.queryHash}@${query.state.dataUpdatedAt}`),
    )
    .join('|');
  const merged = useMemo<DehydratedState>(
    () => ({ mutations: [], queries: states.flatMap((state) => state.queries) }),
    // `signature` stands for `states`: equal signatures, equal queries.
    [signature],
  );
  return <HydrationBoundary state={merged}>{children}</HydrationBoundary>;
}
