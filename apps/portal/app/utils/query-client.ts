import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';

import { isRefusal } from './auth-errors';

/**
 * The portal's one QueryClient. A refusal (401, 403) is never retried, and is handed to
 * `onRefused` once per failed request, so the page can find out where the user now belongs.
 */
export function createQueryClient(onRefused: (error: unknown) => void): QueryClient {
  const report = (error: unknown) => {
    if (isRefusal(error)) onRefused(error);
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: report }),
    mutationCache: new MutationCache({ onError: report }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !isRefusal(error) && failures < 1,
      },
    },
  });
}
