// Load: 300 req/s of mixed authenticated reads (me.get, projects.mine (my projects), datasets.list over all
// scopes, notebooks.list of one project) for 60 s on the built local stack, as a user in 200
// projects and 50 groups. Open loop: requests leave on schedule whatever the answers do, and
// latency counts from the scheduled time, so a slow server cannot hide its queue.
// Run: npx tsx bench/mixed-read-load.ts [--duration 60] [--rate 300] [--grace 15] [--capacity 5]
//   [--server <another build's server.js, three folders below the repository>]
//   [--profile <folder for the server's .cpuprofile, written when it stops>]
// Targets: 0 errors; achieved rate = offered rate.
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { seedMemberships, stackDb } from './lib/seed-memberships';
import { percentile, signIn, startServer } from './lib/stack.mjs';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const durationS = flag('duration', 60);
const rate = flag('rate', 300);
const graceS = flag('grace', 15);
/** Seconds per procedure of a closed-loop capacity measurement before the run (0: none). */
const capacityS = flag('capacity', 0);
function pathFlag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? path.resolve(process.argv[index + 1] ?? '') : undefined;
}
const serverScript = pathFlag('server');
const profileDir = pathFlag('profile');

/** CPU milliseconds (user + system) of a process and, summed, of every process below it. */
function cpuMs(pid: number): { own: number; children: number } {
  const ticks = (id: number) => {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return 0; // ended meanwhile
    }
  };
  const below = (id: number): number[] => {
    const children = readdirSync(`/proc/${id}/task`).flatMap((task) => {
      try {
        return readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').split(' ').filter(Boolean);
      } catch {
        return [];
      }
    });
    return children.map(Number).flatMap((child) => [child, ...below(child)]);
  };
  return { own: ticks(pid), children: below(pid).reduce((sum, id) => sum + ticks(id), 0) };
}

const server = await startServer({
  serverScript,
  nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
});
try {
  const cookie = await signIn(server.url, 'alice');
  const seeding = performance.now();
  const { projects } = await seedMemberships(
    stackDb(server.dynamoDbEndpoint),
    'alice',
    { projects: 200, groups: 50, datasetsEvery: 4 },
    'l',
  );
  console.log(
    `  seeded alice into 200 projects and 50 groups in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  const reads: [string, unknown][] = [
    ['me.get', undefined],
    ['projects.mine', { limit: 25 }],
    ['datasets.list', { scope: 'all', limit: 25 }],
    ['notebooks.list', { project: projects[0], limit: 25 }],
  ];
  const paths = reads.map(
    ([procedure, input]) =>
      `/api/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
  );
  const { hostname, port } = new URL(server.url);
  // The server closes a connection idle for 5 s (Node's default, announced as `Keep-Alive:
  // timeout=5`); a request sent on it at that instant fails with ECONNRESET. Browsers retry such a
  // request, Node's agent does not, so idle sockets are dropped before the server's limit.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128, timeout: 4_000 });
  const get = (path: string) =>
    new Promise<number>((resolve) => {
      const request = http.get({ hostname, port, path, agent, headers: { cookie } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', () => resolve(0));
    });
  for (const path of paths) if ((await get(path)) !== 200) throw new Error(`${path} is not 200`);

  // What each read costs alone: 8 clients calling it back to back (closed loop), so the open-loop
  // run below can be read against each procedure's own capacity on this machine. The CPU time the
  // server and DynamoDB Local spent per call is what other work on shared cores cannot inflate.
  if (capacityS > 0) {
    for (const [kind, [procedure]] of reads.entries()) {
      const path = paths[kind] ?? '';
      const timings: number[] = [];
      const cpuBefore = cpuMs(server.pid);
      const until = performance.now() + capacityS * 1000;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (performance.now() < until) {
            const sent = performance.now();
            if ((await get(path)) !== 200) throw new Error(`${path} is not 200`);
            timings.push(performance.now() - sent);
          }
        }),
      );
      const cpuAfter = cpuMs(server.pid);
      timings.sort((a, b) => a - b);
      const perCall = (before: number, after: number) =>
        ((after - before) / timings.length).toFixed(1);
      console.log(
        `  alone, 8 at a time: ${procedure.padEnd(15)} ${(timings.length / capacityS).toFixed(0)} req/s   p50 ${percentile(timings, 50).toFixed(1)} ms   p99 ${percentile(timings, 99).toFixed(1)} ms   CPU per call: server ${perCall(cpuBefore.own, cpuAfter.own)} ms, children ${perCall(cpuBefore.children, cpuAfter.children)} ms`,
      );
    }
  }

  const latencies: number[][] = reads.map(() => []);
  const failures = new Map<string, number>();
  const total = Math.round(durationS * rate);
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const kind = index % reads.length;
    pending.push(
      get(paths[kind] ?? '').then((status) => {
        if (status === 200) latencies[kind]?.push(performance.now() - due);
        else {
          const key = `${reads[kind]?.[0]} ${status || 'network error'}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      }),
    );
  }
  // A server that cannot keep up would otherwise drain its queue for minutes: what is not
  // answered within the grace period after the last request left counts as an error.
  const drained = await Promise.race([
    Promise.all(pending).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), graceS * 1000)),
  ]);
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  const answered = latencies.reduce((sum, list) => sum + list.length, 0);
  const failed = [...failures.values()].reduce((sum, count) => sum + count, 0);
  if (!drained) failures.set(`no answer within ${graceS} s of the end`, total - answered - failed);

  const all = latencies.flat().sort((a, b) => a - b);
  if (all.length === 0) all.push(Number.NaN);
  const errors = [...failures.values()].reduce((sum, count) => sum + count, 0);
  console.log(
    `mixed reads, offered ${rate} req/s for ${durationS} s: achieved ${(all.length / elapsedS).toFixed(0)} req/s (${all.length} answered in ${elapsedS.toFixed(1)} s)   p50 ${percentile(all, 50).toFixed(1)} ms   p99 ${percentile(all, 99).toFixed(1)} ms   errors ${errors}   target 0 errors, ${rate} req/s`,
  );
  reads.forEach(([procedure], kind) => {
    const sorted = (latencies[kind] ?? []).sort((a, b) => a - b);
    if (sorted.length === 0) return console.log(`  ${procedure.padEnd(15)} no answer in time`);
    console.log(
      `  ${procedure.padEnd(15)} p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms`,
    );
  });
  for (const [key, count] of failures) console.log(`  failed: ${key} x${count}`);
} finally {
  await server.stop();
}
