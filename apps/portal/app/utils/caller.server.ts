import {
  createContext,
  redirect,
  type MiddlewareFunction,
  type RouterContextProvider,
} from 'react-router';

import { isForbidden, isUnauthorized, serverApi, type ServerApi } from './api.server';
import { signInPathFor } from './return-to';
import type { Outputs } from './trpc';

export interface CallerState {
  /** Null for a visitor without a session, and for a session that suspension ended. */
  user: Outputs['me']['get'] | null;
  suspended: boolean;
}

/** The request's tRPC client, bound to the browser's cookies: made once per request. */
export const apiContext = createContext<ServerApi>();
/** Who is asking: resolved once per request, before any loader runs. */
export const callerContext = createContext<CallerState>();

async function resolveCaller(api: ServerApi): Promise<CallerState> {
  try {
    const user = await api.me.get.query();
    return { user, suspended: user.suspended };
  } catch (error) {
    if (isUnauthorized(error)) return { user: null, suspended: false };
    // A session that suspension ended: no account to show, but we know where they belong.
    if (isForbidden(error)) return { user: null, suspended: true };
    throw error;
  }
}

/** The root's middleware: every loader of the request reads the same client and caller. */
export const resolveCallerOnce: MiddlewareFunction<Response> = async ({ request, context }) => {
  const api = serverApi(request);
  context.set(apiContext, api);
  context.set(callerContext, await resolveCaller(api));
};

/**
 * The signed-in shell's middleware: it runs before any loader under the shell, so no page loads
 * data for a visitor who must sign in first or whose account is suspended.
 */
export const requireActiveCaller: MiddlewareFunction<Response> = ({ context, url }) => {
  const { user, suspended } = context.get(callerContext);
  if (suspended) throw redirect('/suspended');
  // `url`, not `request.url`: a client navigation's request is `/x.data?_routes=...`.
  if (!user) throw redirect(signInPathFor(url));
};

/** The signed-in caller, for loaders under the shell (its middleware has ensured there is one). */
export function activeUser(context: Readonly<RouterContextProvider>) {
  const { user } = context.get(callerContext);
  if (!user) throw redirect('/signin');
  return user;
}
