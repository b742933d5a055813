#!/usr/bin/env node
// Benchmark: the API Lambda bundle (apps/api/dist/lambda, built by `npm run build`): its size
// zipped as infra-tf ships it (targets 1.5 MB) and its cold import time in a fresh Node process
// (target 150 ms), plus how many Lambda functions the synthesized footprint has.
// Usage: node bench/api-lambda.mjs [--runs 10] [--reference <another build's dist/lambda>]
// With --reference, the two bundles' cold imports alternate run by run, so both see the same load:
// on a machine slower or busier than the one a figure was taken on, the ratio is what carries over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = join(root, 'apps/api/dist/lambda');
const entry = join(bundleDir, 'index.mjs');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
const referenceArg = process.argv.indexOf('--reference');
const referenceEntry = referenceArg > 0 ? join(process.argv[referenceArg + 1], 'index.mjs') : null;
const targets = { zippedMb: 1.5, importMs: 150 };

for (const required of [entry, referenceEntry].filter(Boolean)) {
  if (!existsSync(required)) {
    console.error(`${required} is missing: run npm run build first.`);
    process.exit(1);
  }
}

const mb = (bytes) => bytes / 1024 / 1024;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const files = readdirSync(bundleDir, { recursive: true })
  .map((name) => join(bundleDir, name))
  .filter((file) => statSync(file).isFile());

// The code a cold start compiles: index.mjs and the chunks it imports statically (esbuild's
// minified `from"./chunks/x.mjs"`), not those loaded by import() on first use.
function staticallyLoaded(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, path] of source.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.mjs)"/g)) {
    staticallyLoaded(join(dirname(file), path), seen);
  }
  return seen;
}

// Size: the folder zipped as Terraform's archive of the asset would be (index.mjs and its map).
function zippedBytes() {
  const hasZip = spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0;
  if (hasZip) {
    const work = mkdtempSync(join(tmpdir(), 'mlspace-lambda-zip-'));
    const archive = join(work, 'bundle.zip');
    const zipped = spawnSync('zip', ['-9', '-q', '-r', '-X', archive, '.'], { cwd: bundleDir });
    if (zipped.status !== 0) throw new Error(`zip failed: ${zipped.stderr}`);
    const bytes = statSync(archive).size;
    rmSync(work, { recursive: true, force: true });
    return { bytes, method: 'zip -9' };
  }
  const bytes = files.reduce(
    (sum, file) => sum + deflateRawSync(readFileSync(file), { level: 9 }).length,
    0,
  );
  return {
    bytes,
    method: 'node zlib deflate level 9 (estimate: no zip on PATH; zip adds ~100 bytes per file)',
  };
}

// The environment infra-tf gives the API function, minus the Secrets Manager ARN: the secret is
// given directly, so no AWS call is made and the figure is module loading and composition alone.
const lambdaEnv = {
  PATH: process.env.PATH,
  MLSPACE_BACKEND: 'aws',
  MLSPACE_PUBLIC_URL: 'https://d111111abcdef8.cloudfront.net',
  MLSPACE_INITIAL_ADMINS: 'admin',
  MLSPACE_SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef',
  OIDC_ISSUER: 'https://idp.example.com',
  OIDC_CLIENT_ID: 'mlspace',
  OIDC_CLIENT_SECRET: 'benchmark-oidc-client-secret',
  DYNAMODB_TABLE: 'mlspace-prod',
  DATA_BUCKET: 'mlspace-prod-data-123456789012',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  // The SDK's Node 20 end-of-support notice costs a write per process; Lambda runs Node 22.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

function coldImport(nodeOptions, bundleEntry = entry) {
  // Wall time, and the CPU time the import used: on a busy machine the latter is the steadier figure.
  const script =
    `const started = performance.now(); const cpu = process.cpuUsage(); ` +
    `await import(${JSON.stringify(pathToFileURL(bundleEntry).href)}); const used = process.cpuUsage(cpu); ` +
    'process.stdout.write(JSON.stringify({ importMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));';
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...lambdaEnv, NODE_OPTIONS: nodeOptions },
    encoding: 'utf8',
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`import failed:\n${child.stderr}`);
  return { ...JSON.parse(child.stdout), processMs };
}

function medians(samples) {
  const of = (key) => median(samples.map((sample) => sample[key]));
  return { importMs: of('importMs'), cpuMs: of('cpuMs'), processMs: of('processMs') };
}

function importSeries(nodeOptions) {
  coldImport(nodeOptions); // warms the OS file cache, as a Lambda's code is local before init
  return medians(Array.from({ length: runs }, () => coldImport(nodeOptions)));
}

/** This bundle's and the reference's cold imports, alternating (the order swaps every run). */
function interleavedWithReference() {
  coldImport('');
  coldImport('', referenceEntry);
  const own = [];
  const reference = [];
  for (let run = 0; run < runs; run++) {
    const pair = [
      () => own.push(coldImport('')),
      () => reference.push(coldImport('', referenceEntry)),
    ];
    for (const measure of run % 2 ? pair.reverse() : pair) measure();
  }
  return { own: medians(own), reference: medians(reference) };
}

function lambdaFunctionCount() {
  const stacks = join(root, 'infra-tf/cdktf.out/stacks');
  if (!existsSync(stacks)) return undefined;
  return readdirSync(stacks).map((stack) => {
    const json = JSON.parse(readFileSync(join(stacks, stack, 'cdk.tf.json'), 'utf8'));
    return { stack, functions: Object.keys(json.resource?.aws_lambda_function ?? {}) };
  });
}

const rawBytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
const code = files.filter((file) => file.endsWith('.mjs'));
const codeBytes = code.reduce((sum, file) => sum + statSync(file).size, 0);
const coldStartBytes = [...staticallyLoaded(entry)].reduce(
  (sum, file) => sum + statSync(file).size,
  0,
);
const zipped = zippedBytes();
const plain = importSeries('');
const withSourceMaps = importSeries('--enable-source-maps');

console.log(`API Lambda bundle: ${bundleDir}`);
console.log(
  `  code ${mb(codeBytes).toFixed(2)} MB in ${code.length} files, of which ${mb(coldStartBytes).toFixed(2)} MB load at cold start (the rest on first use); with source maps ${mb(rawBytes).toFixed(2)} MB unzipped`,
);
console.log(
  `  zipped: ${mb(zipped.bytes).toFixed(2)} MB (${zipped.method}); target <= ${targets.zippedMb} MB: ${mb(zipped.bytes) <= targets.zippedMb ? 'met' : 'MISSED'}`,
);
console.log(
  `Cold import in a fresh Node ${process.version} process, median of ${runs} (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs):`,
);
console.log(
  `  import ${plain.importMs.toFixed(0)} ms wall, ${plain.cpuMs.toFixed(0)} ms CPU (process wall ${plain.processMs.toFixed(0)} ms); target <= ${targets.importMs} ms: ${plain.importMs <= targets.importMs ? 'met' : 'MISSED'}`,
);
console.log(
  `  with NODE_OPTIONS=--enable-source-maps, as deployed: import ${withSourceMaps.importMs.toFixed(0)} ms wall, ${withSourceMaps.cpuMs.toFixed(0)} ms CPU (process wall ${withSourceMaps.processMs.toFixed(0)} ms)`,
);
if (referenceEntry) {
  const loadBefore = loadavg()[0];
  const { own, reference } = interleavedWithReference();
  const less = (key) => `${((1 - own[key] / reference[key]) * 100).toFixed(0)}% less`;
  console.log(
    `Against ${referenceEntry}, alternating run by run, median of ${runs} each (load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after):`,
  );
  console.log(
    `  reference ${reference.importMs.toFixed(0)} ms wall, ${reference.cpuMs.toFixed(0)} ms CPU; this bundle ${own.importMs.toFixed(0)} ms wall (${less('importMs')}), ${own.cpuMs.toFixed(0)} ms CPU (${less('cpuMs')})`,
  );
}
const stacks = lambdaFunctionCount();
if (!stacks) console.log('Lambda functions: no synthesized stack (run npm run infra:synth)');
for (const { stack, functions } of stacks ?? []) {
  console.log(
    `Lambda functions in ${stack}/cdk.tf.json: ${functions.length} (${functions.join(', ')}); the reference has 122`,
  );
}
