import { useDeferredValue, useState } from 'react';

import { trpc } from '../utils/trpc';
import { Badge } from './ui';

/**
 * Pick several registered, active users by username or display name. `project` scopes the search
 * to that project's owners' permission; without it only admins may search.
 */
export function UserPicker({
  project,
  selected,
  onChange,
  exclude = [],
}: {
  project?: string;
  selected: string[];
  onChange: (usernames: string[]) => void;
  exclude?: string[];
}) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const search = trpc.users.search.useQuery(
    { query: deferred, project, limit: 10 },
    { enabled: deferred.length > 0 },
  );
  const options = (search.data ?? []).filter(
    (user) => !selected.includes(user.username) && !exclude.includes(user.username),
  );
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-1" aria-label="Selected users">
        {selected.map((username) => (
          <button
            key={username}
            type="button"
            aria-label={`Unselect ${username}`}
            onClick={() => onChange(selected.filter((name) => name !== username))}
          >
            <Badge tone="blue">{username} ×</Badge>
          </button>
        ))}
      </div>
      <input
        type="search"
        aria-label="Search users"
        placeholder="Search users by name or username"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      {deferred ? (
        <ul
          role="listbox"
          aria-label="Matching users"
          className="max-h-48 overflow-auto rounded-md border border-slate-200 dark:border-slate-700"
        >
          {options.map((user) => (
            <li key={user.username} role="option" aria-selected={false}>
              <button
                type="button"
                className="w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800"
                onClick={() => {
                  onChange([...selected, user.username]);
                  setQuery('');
                }}
              >
                <span className="font-medium">{user.displayName || user.username}</span>{' '}
                <span className="text-xs text-slate-500">{user.username}</span>
              </button>
            </li>
          ))}
          {search.isFetched && options.length === 0 ? (
            <li className="px-3 py-1.5 text-sm text-slate-500">No matching users.</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
