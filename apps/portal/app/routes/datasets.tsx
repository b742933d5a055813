import { useState } from 'react';
import { Link } from 'react-router';

import type { Route } from './+types/datasets';
import { DataTable, Pager, useCursorPager, type Column } from '../components/data-table';
import { Badge, ErrorNote, PageHeader } from '../components/ui';
import { ServiceDeactivated } from '../components/service-deactivated';
import { crumb } from '../components/breadcrumbs';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { useServiceActive } from '../utils/active-services';
import { datasetPath, scopeLabel } from '../utils/datasets';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';

type DatasetRow = Outputs['datasets']['list']['items'][number];
type ScopeFilter = 'all' | 'global' | 'private' | 'project' | 'group';

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.datasets.list.prefetch({
      scope: 'all',
      cursor: null,
      limit: activeUser(context).preferences.pageSize,
    }),
  ]);

export const meta: Route.MetaFunction = () => [{ title: 'Datasets · MLSpace' }];

export const handle = crumb(() => ({ label: 'Datasets' }));

const scopeTones = { global: 'blue', project: 'green', private: 'slate', group: 'amber' } as const;

export default function Datasets() {
  const { user } = useRootData();
  const [scope, setScope] = useState<ScopeFilter>('all');
  const [filter, setFilter] = useState('');
  const pager = useCursorPager();
  const limit = user?.preferences.pageSize ?? 25;
  const list = trpc.datasets.list.useQuery({ scope, cursor: pager.cursor, limit });
  const active = useServiceActive('datasets');
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const needle = filter.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter(
    (row) =>
      !needle ||
      row.name.toLowerCase().includes(needle) ||
      row.description.toLowerCase().includes(needle),
  );

  const columns: Column<DatasetRow>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (row) => row.name.toLowerCase(),
      render: (row) => (
        <Link
          to={datasetPath(row)}
          className="font-medium text-brand-700 hover:underline dark:text-brand-100"
        >
          {row.name}
        </Link>
      ),
    },
    {
      key: 'scope',
      header: 'Access level',
      sortValue: (row) => scopeLabel(row),
      render: (row) => <Badge tone={scopeTones[row.scope]}>{scopeLabel(row)}</Badge>,
    },
    { key: 'type', header: 'Type', sortValue: (row) => row.type, render: (row) => row.type },
    {
      key: 'description',
      header: 'Description',
      render: (row) => (
        <span className="line-clamp-2 text-slate-600 dark:text-slate-400">
          {row.description || '—'}
        </span>
      ),
    },
    {
      key: 'owner',
      header: 'Created by',
      sortValue: (row) => row.createdBy,
      render: (row) => row.createdBy,
    },
    {
      key: 'created',
      header: 'Created',
      sortValue: (row) => row.createdAt,
      render: (row) => formatDateTime(row.createdAt, timeZone),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Datasets"
        description={
          user?.isAdmin
            ? 'Every dataset, whoever created it.'
            : 'Global datasets, yours, and those of your projects and groups.'
        }
        actions={
          active ? (
            <Link
              to="/datasets/new"
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Create dataset
            </Link>
          ) : null
        }
      />
      <ServiceDeactivated service="datasets" />
      <div className="mb-4">
        <ErrorNote message={errorMessage(list.error)} />
      </div>
      <DataTable
        caption="Datasets"
        columns={columns}
        rows={rows}
        rowKey={(row) => `${row.scope}/${row.scopeId}/${row.name}`}
        loading={list.isLoading}
        emptyText={needle ? 'No datasets on this page match the filter.' : 'No datasets yet.'}
        toolbar={
          <>
            <input
              type="search"
              aria-label="Filter datasets"
              placeholder="Filter by name or description"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
            />
            <select
              aria-label="Access level"
              value={scope}
              onChange={(event) => {
                setScope(event.target.value as ScopeFilter);
                pager.reset();
              }}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
            >
              <option value="all">All access levels</option>
              <option value="global">Global</option>
              <option value="private">Private</option>
              <option value="project">Project</option>
              <option value="group">Group</option>
            </select>
            <span className="text-xs text-slate-500 dark:text-slate-400" role="status">
              {rows.length} {rows.length === 1 ? 'match' : 'matches'}
            </span>
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
