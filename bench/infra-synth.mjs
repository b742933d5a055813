#!/usr/bin/env node
// Benchmark: wall time and peak RSS of `infra-tf` synth (targets: 15 s, 1 GB).
// Runs the synth as a child process with a throwaway config and out dir; placeholders stand in
// for any app bundle that is not built, so the figures do not depend on the apps' build state.
// Usage: node bench/infra-synth.mjs [--runs 3]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const infra = join(root, 'infra-tf');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const targets = { wallMs: 15_000, rssMb: 1024 };
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const work = mkdtempSync(join(tmpdir(), 'mlspace-infra-bench-'));
const configPath = join(work, 'config.json');
writeFileSync(
  configPath,
  JSON.stringify({
    awsAccount: '123456789012',
    awsRegion: 'eu-west-1',
    oidcIssuerUrl: 'https://idp.example.com',
    oidcClientId: 'mlspace',
    initialAdmins: ['alice'],
  }),
);

// `node --import tsx` keeps the synth in one process, so its RSS is the synth's own.
function synthOnce() {
  const nodeArgs = ['--import', 'tsx', 'src/main.ts', '--allow-missing-bundles'];
  const [cmd, args] = gnuTime
    ? [gnuTime, ['-v', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const env = {
    ...process.env,
    MLSPACE_INFRA_CONFIG: configPath,
    MLSPACE_INFRA_OUTDIR: join(work, 'out'),
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: infra, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let polledKb = 0;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    // Fallback when GNU time is absent: poll the high-water mark while the process lives.
    const poll = gnuTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKb = Math.max(polledKb, Number(m[1]));
          } catch {
            // the process has exited between polls
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`synth exited ${code}:\n${stderr}`));
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ wallMs, rssMb: (m ? Number(m[1]) : polledKb) / 1024 });
    });
  });
}

try {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await synthOnce());
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wall = median(results.map((r) => r.wallMs));
  const rss = Math.max(...results.map((r) => r.rssMb));
  console.log(
    `infra-tf synth, ${runs} run(s), RSS via ${gnuTime ? '/usr/bin/time -v' : '/proc/<pid>/status VmHWM'}`,
  );
  for (const [i, r] of results.entries())
    console.log(`  run ${i + 1}: ${(r.wallMs / 1000).toFixed(2)} s, ${r.rssMb.toFixed(0)} MB`);
  console.log(
    `synth wall time (median): ${(wall / 1000).toFixed(2)} s (target ${targets.wallMs / 1000} s) ${wall <= targets.wallMs ? 'OK' : 'OVER'}`,
  );
  console.log(
    `peak RSS (max): ${rss.toFixed(0)} MB (target ${targets.rssMb} MB) ${rss <= targets.rssMb ? 'OK' : 'OVER'}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
