/**
 * The tRPC context. `createContextInner` is pure: it takes the services and the resolved caller.
 * `resolveCaller` turns request headers into a caller; adapters (fetch, Lambda) call both.
 */
import { CSRF_HEADER, hasValidCsrfToken } from '@mlspace/auth';
import {
  DomainError,
  ForbiddenError,
  looksLikeApiToken,
  normaliseUsername,
  type ApiTokenKind,
  type ApiTokenScope,
  type UserView,
} from '@mlspace/core';

import type { ApiServices } from './services';
import { authenticateApiToken } from './services/api-tokens/authenticate';
import { limitDbToProjects } from './services/api-tokens/project-scope';
import { checkSession } from './services/sessions';

export interface Caller {
  user: UserView;
  via: 'session' | 'bearer' | 'apiToken';
  /** The API token the request carries (`via: 'apiToken'`): what it may do (ADR 020). */
  token?: {
    id: string;
    name: string;
    kind: ApiTokenKind;
    scope: ApiTokenScope;
    projects: string[];
  };
}

export interface CallerResolution {
  caller: Caller | null;
  /** Why a credential that was presented was rejected; surfaced by protected procedures as 401/403. */
  authError: DomainError | null;
}

export function createContextInner(services: ApiServices, resolution: CallerResolution) {
  const token = resolution.caller?.token;
  // A token limited to projects reaches no other project, whichever procedure asks (ADR 020).
  const db =
    resolution.caller && token && token.projects.length > 0
      ? limitDbToProjects(services.db, resolution.caller.user.username, token.projects)
      : services.db;
  return { ...services, db, ...resolution };
}
export type Context = ReturnType<typeof createContextInner>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function resolveCaller(
  services: ApiServices,
  request: { method: string; headers: Headers },
): Promise<CallerResolution> {
  const authorization = request.headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    const credential = authorization.slice(7).trim();
    if (looksLikeApiToken(credential)) return authenticateApiToken(services, credential);
    try {
      const claims = await services.oidc.verifyBearerToken(credential);
      const username = normaliseUsername(claims.preferredUsername);
      const user =
        (await services.db.users.get(username)) ??
        (await services.db.users.recordLogin({
          username,
          email: claims.email,
          displayName: claims.displayName,
          suspendedIfNew: services.settings.newUsersSuspended,
          adminIfNew: services.settings.initialAdmins.includes(username),
        }));
      if (user.deletion)
        return {
          caller: null,
          authError: new ForbiddenError(`The account ${username} is being deleted`),
        };
      return { caller: { user, via: 'bearer' }, authError: null };
    } catch (error) {
      if (error instanceof DomainError) return { caller: null, authError: error };
      throw error;
    }
  }

  // Bearer ID tokens cannot be revoked one by one (ADR 007); a suspended user is refused anyway.
  const cookieHeader = request.headers.get('cookie');
  const session = await checkSession(services, cookieHeader);
  if (session.status === 'none') return { caller: null, authError: null };
  if (session.status === 'ended') return { caller: null, authError: session.error };

  // Cookies ride along on cross-site requests; mutations must prove they come from our own pages.
  if (!SAFE_METHODS.has(request.method.toUpperCase())) {
    const origin = request.headers.get('origin');
    if (origin && origin !== new URL(services.settings.publicUrl).origin) {
      return {
        caller: null,
        authError: new ForbiddenError(`Requests from ${origin} are not accepted.`),
      };
    }
    if (!hasValidCsrfToken(cookieHeader, request.headers.get(CSRF_HEADER))) {
      return {
        caller: null,
        authError: new ForbiddenError(
          `Missing or invalid CSRF token: send the ${CSRF_HEADER} header with every change.`,
        ),
      };
    }
  }

  return { caller: { user: session.user, via: 'session' }, authError: null };
}
