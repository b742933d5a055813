/**
 * `Authorization: Bearer mls_…`: the API token's record and its owner, both read from the table
 * on every request (never a cache), so revoking the token or suspending or deleting its owner
 * takes effect on the very next call. The secret itself never reaches a log or an error message.
 */
import {
  ForbiddenError,
  UnauthenticatedError,
  parseApiToken,
  type ApiTokenView,
  type UserView,
} from '@mlspace/core';

import type { Caller, CallerResolution } from '../../context';
import type { ApiServices } from '../../services';
import { secretMatches } from './token-secrets';

const refused = (error: UnauthenticatedError | ForbiddenError): CallerResolution => ({
  caller: null,
  authError: error,
});

const unknownToken = () =>
  refused(new UnauthenticatedError('This API token is not valid: check that it was copied whole.'));

/** Readable in every time zone: the instant, to the minute, in UTC. */
export function describeInstant(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * What a token may act as. Admin rights reach every project, so only a write token limited to no
 * project carries them (ADR 020); a read or project-limited token of an admin acts as a member.
 */
export function tokenCaller(owner: UserView, token: ApiTokenView): Caller {
  const carriesAdmin = owner.isAdmin && token.scope === 'write' && token.projects.length === 0;
  return {
    user: { ...owner, isAdmin: carriesAdmin },
    via: 'apiToken',
    token: {
      id: token.id,
      name: token.name,
      kind: token.kind,
      scope: token.scope,
      projects: token.projects,
    },
  };
}

export async function authenticateApiToken(
  services: Pick<ApiServices, 'db'>,
  text: string,
): Promise<CallerResolution> {
  const parsed = parseApiToken(text);
  if (!parsed) return unknownToken();
  const found = await services.db.apiTokens.getWithOwner(parsed.id);
  if (!found || !secretMatches(parsed.secret, found.token.secretHash)) return unknownToken();
  const { token, owner } = found;
  // The account's state is said first: suspension also revokes, and that is not the reason.
  // A later account of a deleted user's name does not inherit the earlier account's tokens.
  if (!owner || owner.createdAt > token.createdAt)
    return refused(new ForbiddenError(`The account ${token.owner} no longer exists.`));
  if (owner.deletion)
    return refused(new ForbiddenError(`The account ${owner.username} is being deleted.`));
  if (owner.suspended)
    return refused(new ForbiddenError(`The account ${owner.username} is suspended.`));
  if (token.revokedAt)
    return refused(
      new UnauthenticatedError(
        `This API token was revoked on ${describeInstant(token.revokedAt)}.`,
      ),
    );
  if (Date.parse(token.expiresAt) <= Date.now())
    return refused(
      new UnauthenticatedError(`This API token expired on ${describeInstant(token.expiresAt)}.`),
    );
  await services.db.apiTokens.recordUse(token.id);
  return { caller: tokenCaller(owner, token), authError: null };
}
