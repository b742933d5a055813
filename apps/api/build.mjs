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
