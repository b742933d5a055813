import { useState } from 'react';
import { Link } from 'react-router';

import { DataTable, Pager, type Column } from '../data-table';
import { formatDateTime } from '../../utils/format';
import type { Outputs } from '../../utils/trpc';
import { mlPath, type MlKind } from './kinds';
import { MlStatusBadge } from './ml-status';

export type MlRow = Outputs['training']['list']['items'][number];

/** A kind's resources with a name filter and a status filter over the loaded page; sortable columns. */
export function MlResourceTable({
  kind,
  rows,
  loading,
  timeZone,
  showProject,
  pager,
}: {
  kind: MlKind;
  rows: MlRow[];
  loading: boolean;
  timeZone: string;
  showProject: boolean;
  pager: { page: number; hasNext: boolean; onNext: () => void; onPrevious: () => void };
}) {
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState('all');
  const needle = filter.trim().toLowerCase();
  const statuses = ['all', ...new Set(rows.map((row) => row.status))];
  const shown = rows.filter(
    (row) =>
      (!needle || row.name.toLowerCase().includes(needle) || row.owner.includes(needle)) &&
      (status === 'all' || row.status === status),
  );
  const columns: Column<MlRow>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (row) => row.name.toLowerCase(),
      render: (row) => (
        <Link
          to={mlPath(row.project, kind, row.name)}
          className="font-medium text-brand-700 hover:underline dark:text-brand-100"
        >
          {row.name}
        </Link>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      sortValue: (row) => row.status,
      render: (row) => <MlStatusBadge status={row.status} />,
    },
    ...(showProject
      ? [
          {
            key: 'project',
            header: 'Project',
            sortValue: (row: MlRow) => row.project,
            render: (row: MlRow) => (
              <Link to={mlPath(row.project, kind)} className="hover:underline">
                {row.project}
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'instanceType',
      header: 'Instance type',
      sortValue: (row) => row.instanceType ?? '',
      render: (row) => row.instanceType ?? '—',
    },
    {
      key: 'owner',
      header: 'Created by',
      sortValue: (row) => row.owner,
      render: (row) => row.owner,
    },
    {
      key: 'created',
      header: 'Created',
      sortValue: (row) => row.createdAt,
      render: (row) => formatDateTime(row.createdAt, timeZone),
    },
  ];
  return (
    <DataTable
      caption={kind.title}
      columns={columns}
      rows={shown}
      rowKey={(row) => row.name}
      loading={loading}
      emptyText={
        needle || status !== 'all'
          ? `No ${kind.title.toLowerCase()} on this page match the filters.`
          : `No ${kind.title.toLowerCase()} yet.`
      }
      toolbar={
        <>
          <input
            type="search"
            aria-label={`Filter ${kind.title.toLowerCase()}`}
            placeholder="Filter by name or creator"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
          />
          <select
            aria-label="Status"
            value={status}
            onChange={(event) => setStatus(event.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
          >
            {statuses.map((value) => (
              <option key={value} value={value}>
                {value === 'all' ? 'All statuses' : value}
              </option>
            ))}
          </select>
        </>
      }
      pager={
        <Pager
          page={pager.page}
          hasNext={pager.hasNext}
          onNext={pager.onNext}
          onPrevious={pager.onPrevious}
        />
      }
    />
  );
}
