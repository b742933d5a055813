import { useEffect, useState } from 'react';

import { csrfToken } from '../utils/trpc';

/** Sign-out is a POST carrying the CSRF token, so another site cannot sign a user out. */
export function SignOutButton() {
  const [token, setToken] = useState('');
  useEffect(() => setToken(csrfToken()), []);
  return (
    <form method="post" action="/api/auth/logout">
      <input type="hidden" name="csrf" value={token} />
      <button
        type="submit"
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
    </form>
  );
}
