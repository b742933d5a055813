import { useEffect, useState } from 'react';

import { csrfToken } from '../utils/trpc';

/**
 * Sign-out is a POST carrying the CSRF token, so another site cannot sign a user out. The token is
 * read from the cookie once the page is live; until then the button waits, because a click before
 * that would post no token and land on the API's bare 403.
 */
export function SignOutButton() {
  const [token, setToken] = useState('');
  useEffect(() => setToken(csrfToken()), []);
  return (
    <form method="post" action="/api/auth/logout">
      <input type="hidden" name="csrf" value={token} />
      <button
        type="submit"
        disabled={!token}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
    </form>
  );
}
