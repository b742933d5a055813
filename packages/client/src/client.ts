import {
  TRPCUntypedClient,
  createTRPCClientProxy,
  httpLink,
  retryLink,
  type TRPCClient,
  type TRPCRequestOptions,
} from '@trpc/client';

import type { AppRouter } from '@mlspace/api';

import { type Connection, originOf, type TokenProvider } from './connection';
import { toMlspaceError, UnexpectedResponseError } from './errors';
import { defaultRetryPolicy, isRetryable, retryDelayMs, type RetryPolicy } from './retry';

export interface MlspaceClientOptions {
  /** The MLSpace origin (`https://mlspace.example.com`); its /api or /api/trpc is accepted too. */
  url: string;
  /** A personal API token (`mls_…`), or a function that returns the current one. */
  token: string | TokenProvider;
  retry?: Partial<RetryPolicy>;
  /** Replaces the global fetch (a proxy agent, a test's recorder). */
  fetch?: typeof fetch;
  /** Sent as User-Agent, so the audit trail and logs can tell scripts apart. */
  userAgent?: string;
}

/** Every procedure of the API, typed from its router: `client.projects.mine.query({})`. */
export type MlspaceApi = TRPCClient<AppRouter>;

/** The typed procedures, plus what the dataset helpers need to reach storage. */
export interface MlspaceClient {
  api: MlspaceApi;
  /** The origin the client calls. */
  url: string;
  fetch: typeof fetch;
}

/**
 * tRPC's link drops the response when its body is not JSON; keep the status so the error says
 * 502 or 429 instead of a parse failure, and throttling by a proxy is retried like the API's.
 */
function checkedFetch(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (!response.headers.get('content-type')?.includes('json')) {
      await response.body?.cancel();
      throw new UnexpectedResponseError(response.status, response.statusText);
    }
    return response;
  };
}

/** Failures become MlspaceError, naming the procedure, before any caller sees them. */
class ErrorMappingClient extends TRPCUntypedClient<AppRouter> {
  override query(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    return super.query(path, input, opts).catch((error: unknown) => {
      throw toMlspaceError(error, path);
    });
  }

  override mutation(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    return super.mutation(path, input, opts).catch((error: unknown) => {
      throw toMlspaceError(error, path);
    });
  }
}

export function createMlspaceClient(options: MlspaceClientOptions | Connection): MlspaceClient {
  const url = originOf(options.url);
  const token = typeof options.token === 'string' ? () => options.token as string : options.token;
  const policy = { ...defaultRetryPolicy, ...('retry' in options ? options.retry : {}) };
  const fetchImpl = ('fetch' in options && options.fetch) || globalThis.fetch;
  const userAgent = ('userAgent' in options && options.userAgent) || 'mlspace-client';
  const untyped = new ErrorMappingClient({
    links: [
      retryLink({
        retry: ({ op, error, attempts }) =>
          attempts < policy.tries && isRetryable(op.type, toMlspaceError(error)),
        retryDelayMs: (attempts) => retryDelayMs(policy, attempts),
      }),
      httpLink({
        url: `${url}/api/trpc`,
        fetch: checkedFetch(fetchImpl),
        headers: async () => ({
          authorization: `Bearer ${await token()}`,
          'user-agent': userAgent,
        }),
      }),
    ],
  });
  return { api: createTRPCClientProxy<AppRouter>(untyped), url, fetch: fetchImpl };
}
