import { Link } from 'react-router';

import { computeKindWords, resourcePath } from '../ml/kinds';
import { MlStatusBadge } from '../ml/ml-status';
import { formatDateTime } from '../../utils/format';
import type { Outputs } from '../../utils/trpc';
import { RunDuration } from './lifetime';

export type RunningItem = Outputs['resources']['running']['items'][number];

/** Running resources, each linking to its page, with its instance type and how long it has run. */
export function RunningList({
  items,
  timeZone,
  showProject,
  label,
}: {
  items: RunningItem[];
  timeZone: string;
  showProject: boolean;
  label: string;
}) {
  return (
    <ul
      aria-label={label}
      className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white text-sm shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
    >
      {items.map((item) => {
        const automaticEnd = item.stopAt ?? item.terminateAt;
        return (
          <li
            key={`${item.kind}/${item.name}`}
            className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3"
          >
            <div className="w-full sm:w-auto sm:min-w-0 sm:flex-1">
              <Link
                to={resourcePath(item.project, item.kind, item.name)}
                className="break-all font-medium text-brand-700 hover:underline dark:text-brand-100"
              >
                {item.name}
              </Link>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {computeKindWords[item.kind].singular}
                {showProject ? ` in ${item.project}` : ''} · by {item.owner}
                {automaticEnd
                  ? ` · ${item.stopAt ? 'stops' : 'is deleted'} ${formatDateTime(automaticEnd, timeZone)}`
                  : ''}
              </p>
            </div>
            <span className="font-mono text-xs">{item.instanceType ?? '—'}</span>
            <span className="text-slate-600 dark:text-slate-400">
              <RunDuration lifetime={item} running />
            </span>
            <MlStatusBadge status={item.status} />
          </li>
        );
      })}
    </ul>
  );
}

/** Hours running so far per instance type: what costs money now, without inventing prices. */
export function hoursByInstanceType(
  items: RunningItem[],
  now: number,
): { instanceType: string; count: number; hours: number }[] {
  const totals = new Map<string, { count: number; hours: number }>();
  for (const item of items) {
    const type = item.instanceType ?? 'unknown';
    const since = Date.parse(item.startedAt ?? item.createdAt);
    const entry = totals.get(type) ?? { count: 0, hours: 0 };
    entry.count += 1;
    entry.hours += Math.max(0, now - since) / 3_600_000;
    totals.set(type, entry);
  }
  return [...totals.entries()]
    .map(([instanceType, entry]) => ({ instanceType, ...entry }))
    .sort((a, b) => b.count - a.count || a.instanceType.localeCompare(b.instanceType));
}
