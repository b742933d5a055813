#!/usr/bin/env node
// In the repository the CLI runs from its TypeScript source (through tsx), so `npx mlspace` needs
// no build; an installed package has no src/ and runs the bundle that `npm run build` made.
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/mlspace.js', import.meta.url).href);
}
