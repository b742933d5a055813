import type { ApiServices } from '../services';

/** GET /api/health: each dependency's state and latency; 503 when any is down. */
export async function health(services: ApiServices): Promise<Response> {
  const entries = await Promise.all(
    Object.entries(services.healthChecks).map(async ([name, check]) => {
      const started = performance.now();
      try {
        await check();
        return [name, { ok: true, latencyMs: Math.round(performance.now() - started) }] as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [
          name,
          { ok: false, latencyMs: Math.round(performance.now() - started), error: message },
        ] as const;
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
