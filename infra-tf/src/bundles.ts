import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MlspaceConfig } from './config';

export type BundleName = 'api' | 'portalServer' | 'sweepJob' | 'eventsJob';

export interface ResolvedBundle {
  name: BundleName;
  dir: string;
  handler: string;
  placeholder: boolean;
}

export interface ResolvedBundles {
  functions: Record<BundleName, ResolvedBundle>;
  /** undefined when the portal's client build is missing and placeholders are allowed. */
  portalAssetsDir: string | undefined;
}

export class MissingBundleError extends Error {
  constructor(missing: string[]) {
    super(
      `Missing application bundles:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
        'Build them first (npm run build at the repo root), or set bundles.whenMissing to "placeholder" ' +
        'in infra-tf/config.json (or pass --allow-missing-bundles to src/main.ts) to synthesize stub functions.',
    );
    this.name = 'MissingBundleError';
  }
}

const handlerFile = (dir: string, handler: string): string | undefined => {
  const module = handler.slice(0, handler.lastIndexOf('.'));
  return ['.mjs', '.js', '.cjs'].map((ext) => join(dir, module + ext)).find((f) => existsSync(f));
};

// A stub that answers 503 so a placeholder deployment is obviously not the product.
function writePlaceholder(name: BundleName, handler: string): string {
  const dir = join(tmpdir(), 'mlspace-infra-tf-placeholders', name);
  mkdirSync(dir, { recursive: true });
  const module = handler.slice(0, handler.lastIndexOf('.'));
  const exportName = handler.slice(handler.lastIndexOf('.') + 1);
  // The API's bundle also serves the api-stream function, through its `streamHandler` export.
  const alsoStreams = name === 'api' ? `export const streamHandler = ${exportName};\n` : '';
  writeFileSync(
    join(dir, `${module}.mjs`),
    `export const ${exportName} = async () => ({ statusCode: 503, headers: { 'content-type': 'application/json' }, ` +
      `body: JSON.stringify({ message: 'MLSpace ${name} bundle was not built before synth' }) });\n` +
      alsoStreams,
  );
  return dir;
}

/** Resolves the bundle folders (relative to infra-tf) and applies the whenMissing policy. */
export function resolveBundles(config: MlspaceConfig, baseDir: string): ResolvedBundles {
  const names: BundleName[] = ['api', 'portalServer', 'sweepJob', 'eventsJob'];
  const placeholders = config.bundles.whenMissing === 'placeholder';
  const missing: string[] = [];
  const functions = {} as Record<BundleName, ResolvedBundle>;
  for (const name of names) {
    const { dir, handler } = config.bundles[name];
    const abs = resolve(baseDir, dir);
    if (handlerFile(abs, handler)) {
      functions[name] = { name, dir: abs, handler, placeholder: false };
    } else if (placeholders) {
      functions[name] = { name, dir: writePlaceholder(name, handler), handler, placeholder: true };
    } else {
      missing.push(`${name}: no handler file for "${handler}" in ${abs}`);
    }
  }
  const assets = resolve(baseDir, config.bundles.portalAssetsDir);
  const hasAssets = existsSync(assets) && readdirSync(assets).length > 0;
  if (!hasAssets && !placeholders) missing.push(`portal assets: ${assets} is missing or empty`);
  if (missing.length > 0) throw new MissingBundleError(missing);
  return { functions, portalAssetsDir: hasAssets ? assets : undefined };
}
