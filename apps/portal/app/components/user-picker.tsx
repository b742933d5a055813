import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';

import { trpc } from '../utils/trpc';

/**
 * Pick several registered, active users by username or display name. `project` scopes the search
 * to that project's owners' permission; without it only admins may search.
 *
 * The search field is an ARIA 1.2 combobox: focus stays in the field while ArrowDown and ArrowUp
 * move through the matches (aria-activedescendant tells screen readers which one), Enter picks,
 * Escape closes the list and Tab leaves it. MLSpace learns about a person only when they first
 * sign in, so the field says so: otherwise a missing colleague looks like a broken search.
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
  const ids = useId();
  const inputId = `${ids}-input`;
  const listboxId = `${ids}-listbox`;
  const helpId = `${ids}-help`;
  const optionId = (index: number) => `${ids}-option-${index}`;

  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const search = trpc.users.search.useQuery(
    { query: deferred, project, limit: 10 },
    { enabled: deferred.length > 0 },
  );
  const options = (search.data ?? []).filter(
    (user) => !selected.includes(user.username) && !exclude.includes(user.username),
  );
  const expanded = open && deferred.length > 0 && options.length > 0;
  const active = expanded && activeIndex < options.length ? activeIndex : -1;
  const searched = open && deferred.length > 0 && search.isFetched && !search.isFetching;
  const emptyResult =
    !searched || options.length > 0 ? '' : emptyResultText(query.trim(), search.data?.length ?? 0);

  const pick = (username: string) => {
    onChange([...selected, username]);
    setQuery('');
    setActiveIndex(-1);
  };
  const unselect = (username: string) => onChange(selected.filter((name) => name !== username));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (options.length > 0) setActiveIndex((active + 1) % options.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (options.length > 0) setActiveIndex(active <= 0 ? options.length - 1 : active - 1);
        break;
      case 'Enter': {
        // Enter in the field never submits the surrounding form: it picks, or does nothing.
        const option = options[active];
        if (expanded) event.preventDefault();
        if (option) pick(option.username);
        break;
      }
      case 'Escape':
        if (expanded || query) {
          event.preventDefault();
          if (expanded) setOpen(false);
          else setQuery('');
          setActiveIndex(-1);
        }
        break;
      case 'Backspace': {
        const last = selected.at(-1);
        if (query === '' && last) unselect(last);
        break;
      }
    }
  };

  return (
    <div className="space-y-2">
      <label htmlFor={inputId} className="block text-sm font-medium">
        Search users
      </label>
      <p id={helpId} className="text-xs text-slate-600 dark:text-slate-400">
        People appear in this list only after their first sign-in to MLSpace. If someone is missing,
        ask them to sign in once, then search again.
      </p>
      {selected.length > 0 ? (
        <ul aria-label="Selected users" className="flex flex-wrap gap-1">
          {selected.map((username) => (
            <li key={username}>
              <button
                type="button"
                aria-label={`Unselect ${username}`}
                onClick={() => {
                  unselect(username);
                  document.getElementById(inputId)?.focus();
                }}
                className="inline-flex items-center gap-1 rounded-full bg-blue-100 px-2 py-0.5 text-xs font-medium text-blue-900 hover:bg-blue-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:bg-blue-950 dark:text-blue-100 dark:hover:bg-blue-900"
              >
                {username}
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="relative">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-describedby={helpId}
          placeholder="Name or username"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActiveIndex(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          className="w-full rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-950"
        />
        <ul
          id={listboxId}
          role="listbox"
          aria-label="Matching users"
          hidden={!expanded}
          className="absolute z-10 mt-1 max-h-60 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {options.map((user, index) => (
            <li
              key={user.username}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // Keeps focus in the field, so the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(user.username)}
              onMouseMove={() => setActiveIndex(index)}
              className={`cursor-pointer px-3 py-1.5 text-sm ${
                index === active
                  ? 'bg-blue-100 text-blue-950 dark:bg-blue-900 dark:text-white'
                  : 'text-slate-900 dark:text-slate-100'
              }`}
            >
              <span className="font-medium">{user.displayName || user.username}</span>{' '}
              <span
                className={
                  index === active
                    ? 'text-xs text-blue-900 dark:text-blue-100'
                    : 'text-xs text-slate-600 dark:text-slate-400'
                }
              >
                {user.username}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {/* A live region rather than role="status": pages keep role="status" for their own outcome. */}
      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {emptyResult}
      </p>
    </div>
  );
}

/** Says why the list is empty: nobody by that name has signed in, or every match is taken. */
function emptyResultText(query: string, matchesBeforeExclusion: number): string {
  if (matchesBeforeExclusion > 0) return `Everyone matching '${query}' is already chosen.`;
  return `No signed-in user matches '${query}'. People appear here after they first sign in.`;
}
