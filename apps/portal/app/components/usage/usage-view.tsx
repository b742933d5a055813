import { Suspense, lazy } from 'react';
import { Link, useSearchParams } from 'react-router';

import { daysOfMonth } from '@mlspace/core';

import { Button, ErrorNote } from '../ui';
import { formatDateTime } from '../../utils/format';
import type { Outputs } from '../../utils/trpc';
import {
  formatHours,
  formatUsd,
  kindLabel,
  monthTitle,
  resourceHref,
  shiftMonth,
} from './usage-labels';

type UsageReport = Outputs['usage']['project'];

// The chart is drawn only on the usage pages; its code loads with them, after the page's own.
const LazyUsageChart = lazy(() =>
  import('./usage-chart').then((module) => ({ default: module.UsageChart })),
);

export type UsageGrouping = 'kind' | 'user' | 'project';
const groupingLabels: Record<UsageGrouping, string> = {
  kind: 'By kind',
  user: 'By user',
  project: 'By project',
};

/** The month, grouping and measure shown, kept in the URL (`?month=2026-12&by=user&show=cost`). */
export function useUsageView(groupings: readonly UsageGrouping[]) {
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : undefined;
  const by = groupings.find((grouping) => grouping === params.get('by')) ?? groupings[0]!;
  const show: 'hours' | 'usd' = params.get('show') === 'cost' ? 'usd' : 'hours';
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes))
          if (value === null) next.delete(key);
          else next.set(key, value);
        return next;
      },
      { preventScrollReset: true },
    );
  return { month, by, show, set };
}

function Toggle<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div role="group" aria-label={label} className="inline-flex rounded-md shadow-sm">
      {options.map((option, index) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
          className={`border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700 ${
            index === 0 ? 'rounded-l-md' : '-ml-px'
          } ${index === options.length - 1 ? 'rounded-r-md' : ''} ${
            option.value === value
              ? 'bg-brand-600 text-white dark:bg-brand-600'
              : 'bg-white text-slate-700 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200'
          }`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {label}
      </p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {note ? <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{note}</p> : null}
    </div>
  );
}

/**
 * A month of usage: totals, a chart of daily instance-hours or estimated cost by kind, user (or
 * project), what runs now, where the prices come from, and a CSV of the lines.
 */
export function UsageView({
  report,
  error,
  groupings,
  timeZone,
  onDownload,
  downloading,
  children,
}: {
  report: UsageReport | undefined;
  error: string | null;
  groupings: readonly UsageGrouping[];
  timeZone: string;
  onDownload: () => void;
  downloading: boolean;
  /** Shown between the totals and the chart (the budget of a project). */
  children?: React.ReactNode;
}) {
  const view = useUsageView(groupings);
  if (!report) return <ErrorNote message={error} />;
  const groupOf = (line: UsageReport['lines'][number]) =>
    view.by === 'kind' ? kindLabel(line.kind) : view.by === 'user' ? line.owner : line.project;
  const bars = report.lines.map((line) => ({
    day: line.day,
    group: groupOf(line),
    value: view.show === 'usd' ? (line.costUsd ?? 0) : line.instanceHours,
  }));
  const { totals } = report;
  const unpriced =
    totals.unpricedHours > 0
      ? `${formatHours(totals.unpricedHours)} instance-hours have no price known (${totals.unpricedTypes.join(', ')}) and are not in this figure.`
      : undefined;
  return (
    <div className="space-y-6">
      <ErrorNote message={error} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <Link
            to={`?month=${shiftMonth(report.month, -1)}`}
            preventScrollReset
            className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700"
            aria-label="Previous month"
          >
            ←
          </Link>
          <h3 className="min-w-36 text-center text-lg font-medium" aria-live="polite">
            {monthTitle(report.month)}
          </h3>
          <Link
            to={`?month=${shiftMonth(report.month, 1)}`}
            preventScrollReset
            className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700"
            aria-label="Next month"
          >
            →
          </Link>
        </div>
        <Button onClick={onDownload} disabled={downloading}>
          {downloading ? 'Preparing CSV…' : 'Download CSV'}
        </Button>
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <Figure label="Instance-hours" value={formatHours(totals.instanceHours)} />
        <Figure label="Estimated cost" value={formatUsd(totals.costUsd)} note={unpriced} />
        <Figure
          label="Running now"
          value={String(report.running.length)}
          note={
            report.running.length > 0
              ? `${formatUsd(report.running.reduce((sum, run) => sum + (run.hourlyUsd ?? 0), 0))} an hour`
              : undefined
          }
        />
      </div>

      {children}

      <section aria-labelledby="usage-chart-title" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h3 id="usage-chart-title" className="font-medium">
            Daily {view.show === 'usd' ? 'estimated cost' : 'instance-hours'}
          </h3>
          <div className="flex flex-wrap gap-2">
            <Toggle
              label="Measure"
              value={view.show}
              onChange={(value) => view.set({ show: value === 'usd' ? 'cost' : null })}
              options={[
                { value: 'hours', label: 'Instance-hours' },
                { value: 'usd', label: 'Cost' },
              ]}
            />
            {groupings.length > 1 ? (
              <Toggle
                label="Group"
                value={view.by}
                onChange={(value) => view.set({ by: value === groupings[0] ? null : value })}
                options={groupings.map((grouping) => ({
                  value: grouping,
                  label: groupingLabels[grouping],
                }))}
              />
            ) : null}
          </div>
        </div>
        <Suspense fallback={<div className="h-64" />}>
          <LazyUsageChart
            days={daysOfMonth(report.month)}
            bars={bars}
            unit={view.show}
            label={`Daily ${view.show === 'usd' ? 'estimated cost' : 'instance-hours'} in ${monthTitle(report.month)}, ${groupingLabels[view.by].toLowerCase()}`}
          />
        </Suspense>
      </section>

      <section aria-labelledby="running-title" className="space-y-2">
        <h3 id="running-title" className="font-medium">
          Running now
        </h3>
        {report.running.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Nothing that is billed by the hour is running.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Resources running now</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-500 dark:bg-slate-800/50 dark:text-slate-400">
                <tr>
                  <th className="px-3 py-2">Resource</th>
                  {report.project === null ? <th className="px-3 py-2">Project</th> : null}
                  <th className="px-3 py-2">Kind</th>
                  <th className="px-3 py-2">User</th>
                  <th className="px-3 py-2">Instances</th>
                  <th className="px-3 py-2">Since</th>
                  <th className="px-3 py-2 text-right">Per hour</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {report.running.map((run) => (
                  <tr key={`${run.kind}#${run.name}`}>
                    <td className="px-3 py-2 font-medium">
                      <Link
                        to={resourceHref(run.project, run.kind, run.name)}
                        className="text-brand-700 hover:underline dark:text-brand-100"
                      >
                        {run.name}
                      </Link>
                    </td>
                    {report.project === null ? <td className="px-3 py-2">{run.project}</td> : null}
                    <td className="px-3 py-2">{kindLabel(run.kind)}</td>
                    <td className="px-3 py-2">{run.owner}</td>
                    <td className="px-3 py-2 font-mono text-xs">
                      {run.instanceCount} × {run.instanceType}
                    </td>
                    <td className="px-3 py-2">{formatDateTime(run.since, timeZone)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {run.hourlyUsd === null ? 'No price known' : formatUsd(run.hourlyUsd)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <p className="text-xs text-slate-500 dark:text-slate-400">
        {report.prices
          ? `Costs are estimates: on-demand prices for ${report.prices.region} as of ${report.prices.retrievedOn} (${report.prices.source}). ${report.prices.obtainedBy}`
          : 'No price table exists for this deployment’s region, so no cost can be estimated; instance-hours are exact.'}{' '}
        Days are UTC days; figures as of {formatDateTime(report.asOf, timeZone)}.
      </p>
    </div>
  );
}
