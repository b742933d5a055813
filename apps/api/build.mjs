// Bundles the API's entry points. Our workspace packages are TypeScript source, so they are
// bundled in; third-party packages stay external for the local server and bundled for Lambda.
import { build } from 'esbuild';

const bundleOwnPackagesOnly = {
  name: 'external-node-modules',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@mlspace/') ? undefined : { path: args.path, external: true },
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

// The Lambda bundle carries its dependencies (minified, tree-shaken); the AWS SDK is bundled too so
// the pinned version is the one that runs.
await build({
  ...common,
  entryPoints: { lambda: 'src/lambda.ts' },
  outdir: 'dist/lambda',
  outExtension: { '.js': '.mjs' },
  minify: true,
  metafile: false,
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
