// Entry point of `npm run synth` and `cdktf synth`: reads config.json and synthesizes one stack.
import { App } from 'cdktf';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingBundleError } from './bundles';
import { ConfigError, parseConfig } from './config';
import { env } from './env';
import { MlspaceStack, stackId } from './stack';

const baseDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function main(): void {
  const configPath = resolve(baseDir, env.configPath ?? 'config.json');
  if (!existsSync(configPath)) {
    console.error(`No configuration at ${configPath}. Run \`npm run config\` first.`);
    process.exit(1);
  }
  const raw: unknown = JSON.parse(readFileSync(configPath, 'utf8'));
  const config = parseConfig(raw);
  if (process.argv.includes('--allow-missing-bundles')) config.bundles.whenMissing = 'placeholder';

  const app = new App({ outdir: env.outdir ?? join(baseDir, 'cdktf.out') });
  const id = stackId(config);
  new MlspaceStack(app, id, { config, baseDir });
  app.synth();
  console.log(`Synthesized ${id} -> ${join(app.outdir, 'stacks', id, 'cdk.tf.json')}`);
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError || error instanceof MissingBundleError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
