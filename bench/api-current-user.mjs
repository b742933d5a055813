// API latency of the current-user procedure (me.get) on the local stack, concurrency 8.
// Target: p50 <= 5 ms.
import { percentile, signIn, startServer } from './lib/stack.mjs';

const server = await startServer();
try {
  const cookie = await signIn(server.url, 'alice');
  const url = `${server.url}/api/trpc/me.get`;
  const call = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    if (!response.ok) throw new Error(`me.get returned ${response.status}`);
    await response.arrayBuffer();
    return performance.now() - started;
  };
  for (let i = 0; i < 200; i += 1) await call();
  const total = 4000;
  const concurrency = 8;
  const timings = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        timings.push(await call());
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  console.log(`me.get on the local stack, ${total} calls at concurrency ${concurrency}:`);
  console.log(
    `  p50 ${percentile(timings, 50).toFixed(2)} ms   p99 ${percentile(timings, 99).toFixed(2)} ms   (${Math.round(total / seconds)} req/s)   target p50 <= 5 ms`,
  );
} finally {
  await server.stop();
}
