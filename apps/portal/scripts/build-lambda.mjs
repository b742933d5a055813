// Bundles the portal's server rendering into one Lambda file, build/lambda/index.mjs (handler
// `index.handler`), after `react-router build` has written build/server/index.js. React, React
// Router and the rest are bundled in, in their production builds.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const portalDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(portalDir, 'build/lambda');
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: portalDir,
  entryPoints: { index: 'server/lambda.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  mainFields: ['module', 'main'],
  alias: { 'virtual:react-router/server-build': './build/server/index.js' },
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (react-dom/server) still call require for Node built-ins.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
});
