import type { ConfigChange } from '../utils/config-diff';

export function ConfigDiffList({ changes }: { changes: ConfigChange[] }) {
  if (changes.length === 0)
    return <p className="text-sm text-slate-500 dark:text-slate-400">No changes.</p>;
  return (
    <ul
      aria-label="Changes"
      className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800"
    >
      {changes.map((change) => (
        <li
          key={change.path}
          className="grid gap-1 px-3 py-2 sm:grid-cols-[minmax(0,14rem)_1fr] sm:gap-3"
        >
          <code
            className="break-words text-xs text-slate-600 sm:truncate dark:text-slate-400"
            title={change.path}
          >
            {change.path}
          </code>
          <span className="break-words">
            <span className="text-red-700 line-through decoration-red-400 dark:text-red-300">
              {change.before}
            </span>
            <span className="mx-2 text-slate-400">→</span>
            <span className="text-emerald-700 dark:text-emerald-300">{change.after}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
