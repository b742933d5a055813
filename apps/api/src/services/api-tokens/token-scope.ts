import { ForbiddenError } from '@mlspace/core';

import type { Caller } from '../../context';
import type { ProcedureMeta } from '../../trpc';

type TokenCredential = NonNullable<Caller['token']>;

/**
 * A read-only token calls queries, and the mutations that only read (`meta.readOnly`: a
 * presigned download); every other mutation is refused before the procedure runs.
 */
export function assertTokenMayCall(
  token: TokenCredential,
  type: 'query' | 'mutation' | 'subscription',
  meta: ProcedureMeta | undefined,
): void {
  if (token.scope === 'read' && type !== 'query' && !meta?.readOnly)
    throw new ForbiddenError(
      `This API token is read-only: create a token with write scope to make changes.`,
    );
}

/** How the audit trail names the credential: the id finds the token, the name says which it was. */
export function describeTokenForAudit(token: TokenCredential): string {
  return `apiToken ${token.id} (${token.name})`;
}
