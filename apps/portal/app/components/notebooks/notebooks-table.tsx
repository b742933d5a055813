import { useState } from 'react';
import { Link } from 'react-router';

import { DataTable, Pager, type Column } from '../data-table';
import { formatDateTime } from '../../utils/format';
import type { Outputs } from '../../utils/trpc';
import { NotebookStatusBadge } from './notebook-status';

export type NotebookRow = Outputs['notebooks']['mine']['items'][number];

export function notebookPath(notebook: { project: string; name: string }): string {
  return `/projects/${encodeURIComponent(notebook.project)}/notebooks/${encodeURIComponent(notebook.name)}`;
}

const statusFilters = ['all', 'InService', 'Pending', 'Stopped', 'Failed'] as const;

/** Notebooks with a name filter and a status filter over the loaded page; sortable columns. */
export function NotebooksTable({
  caption,
  rows,
  loading,
  timeZone,
  showProject,
  pager,
}: {
  caption: string;
  rows: NotebookRow[];
  loading: boolean;
  timeZone: string;
  showProject: boolean;
  pager: { page: number; hasNext: boolean; onNext: () => void; onPrevious: () => void };
}) {
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<(typeof statusFilters)[number]>('all');
  const needle = filter.trim().toLowerCase();
  const shown = rows.filter(
    (row) =>
      (!needle || row.name.toLowerCase().includes(needle) || row.owner.includes(needle)) &&
      (status === 'all' || row.status === status),
  );
  const columns: Column<NotebookRow>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (row) => row.name.toLowerCase(),
      render: (row) => (
        <Link
          to={notebookPath(row)}
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
      render: (row) => <NotebookStatusBadge status={row.status} />,
    },
    ...(showProject
      ? [
          {
            key: 'project',
            header: 'Project',
            sortValue: (row: NotebookRow) => row.project,
            render: (row: NotebookRow) => (
              <Link
                to={`/projects/${encodeURIComponent(row.project)}/notebooks`}
                className="hover:underline"
              >
                {row.project}
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'instanceType',
      header: 'Instance type',
      sortValue: (row) => row.instanceType,
      render: (row) => row.instanceType,
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
      caption={caption}
      columns={columns}
      rows={shown}
      rowKey={(row) => row.name}
      loading={loading}
      emptyText={
        needle || status !== 'all'
          ? 'No notebooks on this page match the filters.'
          : 'No notebooks yet.'
      }
      toolbar={
        <>
          <input
            type="search"
            aria-label="Filter notebooks"
            placeholder="Filter by name or creator"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
          />
          <select
            aria-label="Status"
            value={status}
            onChange={(event) => setStatus(event.target.value as (typeof statusFilters)[number])}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
          >
            {statusFilters.map((value) => (
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
