/**
 * The file `mlspace login` writes: the URL and the token, readable by its owner only (0600, in a
 * 0700 folder), under the XDG config folder (`$XDG_CONFIG_HOME/mlspace/config.json`, else
 * `~/.config/mlspace/config.json`).
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

import { MlspaceError } from './errors';
import type { Environment } from './connection';

export interface SavedConfig {
  url: string;
  token: string;
}

export function configFilePath(environment: Environment): string {
  const base = environment.XDG_CONFIG_HOME || path.join(environment.HOME || homedir(), '.config');
  return path.join(base, 'mlspace', 'config.json');
}

export function readConfigFile(
  environment: Environment,
): { path: string; config: SavedConfig } | null {
  const file = configFilePath(environment);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<SavedConfig>;
  if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string')
    throw new MlspaceError(
      `${file} is not a config written by \`mlspace login\` (it needs "url" and "token"); log in again`,
      'NOT_CONFIGURED',
      undefined,
    );
  return { path: file, config: { url: parsed.url, token: parsed.token } };
}

/** Writes the config so that no other user can read the token at any moment (no chmod after the fact). */
export function writeConfigFile(environment: Environment, config: SavedConfig): string {
  const file = configFilePath(environment);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  // A file left by an earlier, laxer umask keeps its mode when overwritten; the rename replaces it.
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return file;
}

export function removeConfigFile(environment: Environment): boolean {
  const file = configFilePath(environment);
  try {
    rmSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
