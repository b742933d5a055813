import { DependencyUnavailableError, isUnreachableDependencyError } from '@mlspace/core';

import type { ApiServices } from '../services';

/** A probe that has not answered by then counts as down: health must answer even when nothing else does. */
export const healthCheckTimeoutMs = 2_000;

function withinTimeout(check: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`did not answer within ${healthCheckTimeoutMs / 1000} s`)),
      healthCheckTimeoutMs,
    );
    check()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

/** What a public endpoint may say about a failed probe: the verdict, not addresses or socket errors. */
function describeFailure(error: unknown): string {
  if (error instanceof DependencyUnavailableError) return error.message;
  if (isUnreachableDependencyError(error)) return 'not answering';
  return error instanceof Error ? error.message : String(error);
}

interface Probe {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/** GET /api/health: each dependency's state and latency; 503 when any is down. */
export async function health(services: ApiServices): Promise<Response> {
  const entries = await Promise.all(
    Object.entries(services.healthChecks).map(async ([name, check]): Promise<[string, Probe]> => {
      const started = performance.now();
      try {
        await withinTimeout(check);
        return [name, { ok: true, latencyMs: Math.round(performance.now() - started) }];
      } catch (error) {
        return [
          name,
          {
            ok: false,
            latencyMs: Math.round(performance.now() - started),
            error: describeFailure(error),
          },
        ];
      }
    }),
  );
  const dependencies = Object.fromEntries(entries);
  const ok = entries.every(([, result]) => result.ok);
  return Response.json(
    { status: ok ? 'ok' : 'degraded', mode: services.settings.mode, dependencies },
    { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
