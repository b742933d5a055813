/**
 * Where sign-in sends the user back to. Only a same-site path is kept, never another origin, and
 * never a sign-in or suspended page: returning to `/signin?returnTo=/signin?returnTo=...` is how a
 * redirect loop grows its URL until the server refuses it (HTTP 431).
 */
export function safeReturnTo(candidate: string | null | undefined): string {
  if (
    !candidate ||
    !candidate.startsWith('/') ||
    candidate.startsWith('//') ||
    candidate.includes('\\') ||
    /^\/(signin|suspended|api\/auth)(?:[/?#.]|$)/.test(candidate)
  )
    return '/';
  return candidate;
}

/** The sign-in page for a visitor who asked for `location` (a path and query, never `.data`). */
export function signInPathFor(location: { pathname: string; search: string }): string {
  const returnTo = safeReturnTo(location.pathname + location.search);
  return returnTo === '/' ? '/signin' : `/signin?returnTo=${encodeURIComponent(returnTo)}`;
}
