// Bundles the CLI into dist/mlspace.js with every dependency inside (the client, core, tRPC,
// commander, yaml), so the packed package installs with no dependencies and starts without tsx.
import { rmSync } from 'node:fs';

import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { mlspace: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  // Bundled CommonJS (yaml, commander) may still call require for Node's own modules.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
