import { useDeferredValue, useState } from 'react';

import type { Route } from './+types/admin.audit';
import { DataTable, Pager, useCursorPager, type Column } from '../components/data-table';
import { ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type EventRow = Outputs['audit']['list']['items'][number];

export const meta: Route.MetaFunction = () => [{ title: 'Audit trail · MLSpace' }];

/** A `datetime-local` value is local time; the API takes ISO instants. */
function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function summary(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    return [utils.audit.list.prefetch({ cursor: null, limit })];
  });

export const handle = crumb(() => ({ label: 'Audit trail' }));

export default function AdminAudit() {
  const { user: me } = useRootData();
  const [actor, setActor] = useState('');
  const [targetType, setTargetType] = useState('');
  const [targetId, setTargetId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters = useDeferredValue({
    actor: actor.trim(),
    targetType,
    targetId: targetId.trim(),
    from,
    to,
  });
  const pager = useCursorPager();
  const list = trpc.audit.list.useQuery(
    {
      cursor: pager.cursor,
      limit: me?.preferences.pageSize ?? 25,
      actor: filters.actor || undefined,
      targetType: filters.targetType || undefined,
      targetId: filters.targetType && filters.targetId ? filters.targetId : undefined,
      from: toInstant(filters.from),
      to: toInstant(filters.to),
    },
    { refetchInterval: 30_000 },
  );
  const timeZone = me?.preferences.timezone ?? 'UTC';
  const change = (setter: (value: string) => void) => (event: { target: { value: string } }) => {
    setter(event.target.value);
    pager.reset();
  };
  const inputClass =
    'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

  const columns: Column<EventRow>[] = [
    {
      key: 'at',
      header: 'When',
      sortValue: (row) => row.at,
      render: (row) => formatDateTime(row.at, timeZone),
    },
    { key: 'actor', header: 'Actor', sortValue: (row) => row.actor, render: (row) => row.actor },
    {
      key: 'action',
      header: 'Action',
      sortValue: (row) => row.action,
      render: (row) => <code className="text-xs">{row.action}</code>,
    },
    {
      key: 'target',
      header: 'Target',
      sortValue: (row) => `${row.targetType}:${row.targetId}`,
      render: (row) => `${row.targetType} ${row.targetId}`,
    },
    {
      key: 'change',
      header: 'Before → after',
      render: (row) => (
        <span className="font-mono text-xs text-slate-600 dark:text-slate-400">
          {summary(row.before)}
          {row.before !== undefined && row.after !== undefined ? ' → ' : ''}
          {summary(row.after)}
        </span>
      ),
    },
  ];

  return (
    <div>
      <PageHeader title="Audit trail" description="Every change anyone made, newest first." />
      <div className="mb-4">
        <ErrorNote message={errorMessage(list.error)} />
      </div>
      <DataTable
        caption="Audit events"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(row) => row.id}
        loading={list.isLoading}
        emptyText="No events match."
        toolbar={
          <>
            <input
              aria-label="Actor"
              placeholder="Actor (username)"
              value={actor}
              onChange={change(setActor)}
              className={inputClass}
            />
            <select
              aria-label="Target type"
              value={targetType}
              onChange={change(setTargetType)}
              className={inputClass}
            >
              <option value="">Any target</option>
              <option value="project">Project</option>
              <option value="group">Group</option>
              <option value="user">User</option>
              <option value="config">Configuration</option>
              <option value="dataset">Dataset</option>
              <option value="notebook">Notebook</option>
            </select>
            <input
              aria-label="Target name"
              placeholder="Target name"
              value={targetId}
              disabled={!targetType}
              onChange={change(setTargetId)}
              className={inputClass}
            />
            <label className="flex items-center gap-1 text-xs text-slate-500 dark:text-slate-400">
              From{' '}
              <input
                type="datetime-local"
                aria-label="From"
                value={from}
                onChange={change(setFrom)}
                className={inputClass}
              />
            </label>
            <label className="flex items-center gap-1 text-xs text-slate-500 dark:text-slate-400">
              To{' '}
              <input
                type="datetime-local"
                aria-label="To"
                value={to}
                onChange={change(setTo)}
                className={inputClass}
              />
            </label>
          </>
        }
        pager={
          <Pager
            page={pager.page}
            hasNext={Boolean(list.data?.cursor)}
            onNext={() => pager.next(list.data?.cursor ?? null)}
            onPrevious={pager.previous}
          />
        }
      />
    </div>
  );
}
