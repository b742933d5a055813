import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { NotebookSpec, NotebookStatus, ResourceOwner } from '@mlspace/core';

/** What the local backend keeps about a notebook, next to its files, in `notebook.json`. */
export interface StoredNotebook {
  spec: NotebookSpec;
  owner: ResourceOwner;
  status: NotebookStatus;
  failureReason?: string;
  createdAt: string;
  lastModifiedAt: string;
}

export interface NotebookPaths {
  root: string;
  /** Jupyter's notebook dir: what the user sees and keeps across stop and start. */
  files: string;
  log: string;
  state: string;
  scripts: string;
}

export function notebookPaths(notebooksDir: string, name: string): NotebookPaths {
  const root = path.join(notebooksDir, name);
  return {
    root,
    files: path.join(root, 'files'),
    log: path.join(root, 'notebook.log'),
    state: path.join(root, 'notebook.json'),
    scripts: path.join(root, 'lifecycle'),
  };
}

export async function readStored(paths: NotebookPaths): Promise<StoredNotebook | null> {
  try {
    return JSON.parse(await readFile(paths.state, 'utf8')) as StoredNotebook;
  } catch {
    return null;
  }
}

/** Write-then-rename, so a crash never leaves half a state file. */
export async function writeStored(paths: NotebookPaths, stored: StoredNotebook): Promise<void> {
  await mkdir(paths.root, { recursive: true });
  const temporary = `${paths.state}.tmp`;
  await writeFile(temporary, JSON.stringify(stored, null, 2));
  await rename(temporary, paths.state);
}

export async function listStoredNames(notebooksDir: string): Promise<string[]> {
  try {
    const entries = await readdir(notebooksDir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

export async function removeNotebookFolder(paths: NotebookPaths): Promise<void> {
  await rm(paths.root, { recursive: true, force: true });
}
