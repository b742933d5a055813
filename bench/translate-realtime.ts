// Local real-time translation of a 200-word English text into Spanish through Apertium, both ways
// the local backend can run it: apertium-apy kept running (what MLSpace uses) and `apertium`
// spawned per request. Each does one warm-up call (apy loads its pipeline), then --calls timed calls.
// Run: npx tsx bench/translate-realtime.ts [--calls 20]
// Target: p50 under 1 s for the engine MLSpace uses (ADR 017 records the figures).
import { apyServer, defaultApertiumModesDir, escapeHtml, spawnedApertium } from '@mlspace/local';

import { percentile } from './lib/stack.mjs';

const callsFlag = process.argv.indexOf('--calls');
const calls = callsFlag > 0 ? Number(process.argv[callsFlag + 1]) : 20;

const sentences = [
  'The team saved the files in the shared folder before the meeting started.',
  'Every project has owners and members who train models on their own data.',
  'When a notebook stops at night, the work that was saved stays in the dataset.',
  'Administrators choose which services are active and which instance types are allowed.',
  'A batch job reads the documents of a dataset and writes each translation next to the others.',
];
const words: string[] = [];
while (words.length < 200) words.push(...sentences.join(' ').split(' '));
const text = escapeHtml(words.slice(0, 200).join(' '));

async function measure(label: string, engine: ReturnType<typeof spawnedApertium>) {
  await engine.translateHtml('eng-spa', text);
  const timings: number[] = [];
  for (let call = 0; call < calls; call += 1) {
    const started = performance.now();
    const output = await engine.translateHtml('eng-spa', text);
    timings.push(performance.now() - started);
    if (output.length < text.length / 2) throw new Error(`${label}: output too short: ${output}`);
  }
  await engine.stop();
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms over ${calls} calls (200 words)`,
  );
}

await measure('apertium-apy (kept running)', apyServer({ modesDir: defaultApertiumModesDir }));
await measure('apertium (spawned per request)', spawnedApertium());
