// Bundles the API's entry points. Our workspace packages are TypeScript source, so they are
// bundled in; third-party packages stay external for the local server and bundled for Lambda.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { build } from 'esbuild';

const bundleOwnPackagesOnly = {
  name: 'external-node-modules',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@mlspace/') ? undefined : { path: args.path, external: true },
    );
  },
};

// zod's `z` namespace re-exports every locale (about 260 KB minified) and MLSpace only ever uses
// English, so the Lambda bundles get a locales module with `en` alone: less to compile at cold start.
const englishZodLocaleOnly = {
  name: 'zod-english-locale-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.join(path.dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

// ElectroDB validates each model against a JSON schema in the Entity constructor (twice for a v1
// model: the beta schema first) and again when a Service classifies its entities: about a fifth of
// the API Lambda's cold start. The models are static and every test run constructs them with that
// validation on (the local server and tests do not use these bundles), so the Lambda bundles skip
// it. The build fails if ElectroDB's code changes shape, rather than silently validating again.
const electroDbModelsValidatedInTests = {
  name: 'electrodb-models-validated-in-tests',
  setup(pluginBuild) {
    const edits = {
      'entity.js': [
        '_validateModel(model) {\n    return validations.model(model);\n  }',
        '_validateModel() {}',
      ],
      'util.js': [
        'let [isModel, errors] = v.testModel(instance);',
        'let [isModel, errors] = instance && instance._instance ? [false, ""] : v.testModel(instance);',
      ],
    };
    pluginBuild.onLoad(
      { filter: /[\\/]electrodb[\\/]src[\\/](entity|util)\.js$/ },
      async (args) => {
        const [from, to] = edits[path.basename(args.path)];
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(from)) {
          throw new Error(
            `${args.path} no longer contains the code this build skips: review the plugin`,
          );
        }
        return { contents: source.replace(from, to), loader: 'js' };
      },
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { server: 'src/server.ts' },
  outdir: 'dist',
  plugins: [bundleOwnPackagesOnly],
});

// Each Lambda is one self-contained file, <dir>/index.mjs with handler `index.handler`, at the
// paths infra-tf's `bundles` defaults point at. Dependencies are bundled (minified, tree-shaken,
// ESM builds first), the AWS SDK too so the pinned version is the one that runs. Source maps
// without sources keep the zip small while NODE_OPTIONS=--enable-source-maps still maps stacks.
const lambdas = [
  { entry: 'src/lambda.ts', outdir: 'dist/lambda' },
  { entry: 'src/jobs/events-lambda.ts', outdir: 'dist/jobs/events' },
  { entry: 'src/jobs/sweep-lambda.ts', outdir: 'dist/jobs/sweep' },
];

for (const { entry, outdir } of lambdas) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    // What an entry loads with import() (the compute backend) becomes its own file, compiled only
    // when a request first needs it.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    mainFields: ['module', 'main'],
    minify: true,
    sourcesContent: false,
    legalComments: 'none',
    plugins: [englishZodLocaleOnly, electroDbModelsValidatedInTests],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
}
