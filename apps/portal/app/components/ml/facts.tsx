import type { ReactNode } from 'react';

/** A definition list of a resource's facts. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="break-all">{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
