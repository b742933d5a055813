import {
  createComputeEventBus,
  type BackendName,
  type ComputeBackend,
  type ComputeEventBus,
} from '@mlspace/core';

type Kind = Exclude<
  keyof ComputeBackend,
  'name' | 'events' | 'deleteProjectRoles' | 'deleteUserRoles' | 'shutdown'
>;

/** A kind of the port is forwarded method by method, so every method must answer with a promise. */
type AsyncMethodsOnly<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => Promise<unknown> ? T[K] : never;
};
type EveryKindIsAsync = {
  [K in Kind]-?: NonNullable<ComputeBackend[K]> extends AsyncMethodsOnly<
    NonNullable<ComputeBackend[K]>
  >
    ? true
    : false;
}[Kind];
const everyKindIsAsync: EveryKindIsAsync = true;
void everyKindIsAsync;

export interface LazyComputeBackendOptions {
  name: BackendName;
  /** The kinds the backend implements, known before it is loaded (services check their presence). */
  kinds: readonly Kind[];
  /** Whether the backend removes IAM roles when a project or a user is deleted. */
  deletesRoles: boolean;
  load: () => Promise<ComputeBackend>;
}

/**
 * A compute backend whose code (on AWS: the SageMaker, IAM and CloudWatch Logs clients) is loaded
 * on the first call that needs it rather than during a Lambda's cold start, which most requests
 * (lists, sign-in, datasets) never need. Its events are re-emitted on a bus that exists from the
 * start, so listeners subscribed at composition hear them.
 */
export function lazyComputeBackend(options: LazyComputeBackendOptions): ComputeBackend {
  const events: ComputeEventBus = createComputeEventBus();
  let loading: Promise<ComputeBackend> | undefined;
  const backend = () =>
    (loading ??= options.load().then(
      (loaded) => {
        loaded.events.subscribe((event) => events.emit(event));
        return loaded;
      },
      (error: unknown) => {
        loading = undefined; // the next call tries again
        throw error;
      },
    ));
  const forward = (kind: Kind) =>
    new Proxy(
      {},
      {
        get: (_, method) =>
          typeof method !== 'string' || method === 'then'
            ? undefined
            : async (...args: unknown[]) => {
                const target = (await backend())[kind] as unknown as Record<
                  string,
                  (...forwarded: unknown[]) => Promise<unknown>
                >;
                return target[method]!(...args);
              },
      },
    );
  return {
    name: options.name,
    events,
    ...(Object.fromEntries(options.kinds.map((kind) => [kind, forward(kind)])) as Pick<
      ComputeBackend,
      Kind
    > & { notebooks: ComputeBackend['notebooks'] }),
    ...(options.deletesRoles
      ? {
          deleteProjectRoles: async (project: string) =>
            (await backend()).deleteProjectRoles?.(project) ?? [],
          deleteUserRoles: async (username: string, projects: readonly string[]) =>
            (await backend()).deleteUserRoles?.(username, projects) ?? [],
        }
      : {}),
    shutdown: async () => {
      if (loading) await (await loading).shutdown();
    },
  };
}
