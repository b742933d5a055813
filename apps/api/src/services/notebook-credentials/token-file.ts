/**
 * Locally a notebook's Jupyter reads its token from a file (`MLSPACE_TOKEN_FILE`) that MLSpace
 * rewrites before the token expires. The file is written whole and renamed into place, so a
 * reader never sees half a token, and only this user may read it (0600).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function notebookTokenFile(dataDir: string, notebook: string): string {
  return join(dataDir, 'notebook-credentials', notebook, 'token');
}

export async function writeNotebookTokenFile(file: string, token: string): Promise<void> {
  const folder = join(file, '..');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, `${token}\n`, { mode: 0o600 });
  await rename(partial, file);
}

export async function removeNotebookTokenFile(file: string): Promise<void> {
  await rm(join(file, '..'), { recursive: true, force: true });
}
