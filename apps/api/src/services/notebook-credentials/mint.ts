/**
 * A notebook's own MLSpace credentials (ADR 020): a token of its creator, limited to its project,
 * write scope, one hour long. Minted when it starts and again before it expires while it runs
 * (locally by the API, on AWS by the instance proving its role); revoked when it stops or goes.
 */
import { ForbiddenError, type ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { newTokenSecret } from '../api-tokens/token-secrets';

export const notebookCredentialLifetimeMs = 60 * 60_000;

export interface NotebookCredentials {
  /** `mls_<id>_<secret>`. */
  token: string;
  expiresAt: string;
}

/** `<project>/<notebook>`: what a notebook token records, to be revoked with the notebook. */
export const notebookKey = (record: Pick<ResourceRecord, 'project' | 'name'>) =>
  `${record.project}/${record.name}`;

export async function mintNotebookCredentials(
  db: Db,
  notebook: Pick<ResourceRecord, 'project' | 'name' | 'owner'>,
  lifetimeMs = notebookCredentialLifetimeMs,
): Promise<NotebookCredentials> {
  const owner = await db.users.get(notebook.owner);
  if (!owner || owner.suspended || owner.deletion)
    throw new ForbiddenError(`Notebook ${notebook.name}'s creator cannot use MLSpace now`);
  const secret = newTokenSecret();
  const expiresAt = new Date(Date.now() + lifetimeMs).toISOString();
  await db.apiTokens.create({
    id: secret.id,
    owner: notebook.owner,
    name: `notebook ${notebook.name}`,
    kind: 'notebook',
    scope: 'write',
    projects: [notebook.project],
    notebook: notebookKey(notebook),
    secretHash: secret.secretHash,
    expiresAt,
  });
  return { token: secret.text, expiresAt };
}

export function revokeNotebookCredentials(
  db: Db,
  notebook: Pick<ResourceRecord, 'project' | 'name' | 'owner'>,
  actor: string,
): Promise<number> {
  return db.apiTokens.revokeForNotebook(notebook.owner, notebookKey(notebook), actor);
}
