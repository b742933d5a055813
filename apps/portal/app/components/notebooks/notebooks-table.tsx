import type { inferRouterInputs } from '@trpc/server';
import { Link } from 'react-router';

import type { AppRouter } from '@mlspace/api';
import { notebookStatuses } from '@mlspace/core';

import { ChoiceFilter, TextFilter } from '../list/filters';
import { cursorOf, type ListSpec, type ListState } from '../list/list-state';
import type { Column } from '../list/resource-table';
import type { ListControls } from '../list/use-list';
import { formatDateTime } from '../../utils/format';
import type { Outputs } from '../../utils/trpc';
import { IdleStopNote } from './idle-stop-note';
import { NotebookStatusBadge } from './notebook-status';

export type NotebookRow = Outputs['notebooks']['mine']['items'][number];
type NotebookStatusFilter = NonNullable<
  inferRouterInputs<AppRouter>['notebooks']['list']['status']
>;
type NotebookFilter = 'q' | 'status';

export function notebookPath(notebook: { project: string; name: string }): string {
  return `/projects/${encodeURIComponent(notebook.project)}/notebooks/${encodeURIComponent(notebook.name)}`;
}

/** A notebook list's view: name text, status, creation order (newest first). */
export const notebookListSpec: ListSpec<NotebookFilter> = {
  filters: {
    q: { kind: 'text', maxLength: 63 },
    status: { kind: 'choice', values: ['all', ...notebookStatuses] },
  },
  sortable: { created: 'desc' },
  defaultSort: { column: 'created', direction: 'desc' },
};

/** The API input for a page of a notebook list, for the loader and the page alike. */
export function notebookListInput(state: ListState<NotebookFilter>, limit: number) {
  return {
    cursor: cursorOf(state),
    limit,
    search: state.filters.q || undefined,
    status:
      state.filters.status === 'all' ? undefined : (state.filters.status as NotebookStatusFilter),
    order: state.sort?.direction === 'asc' ? ('oldest' as const) : ('newest' as const),
  };
}

export function NotebookListFilters({ list }: { list: ListControls<NotebookFilter> }) {
  return (
    <>
      <TextFilter
        list={list}
        name="q"
        label="Name contains"
        placeholder="Part of a notebook's name"
      />
      <ChoiceFilter
        list={list}
        name="status"
        label="Status"
        options={[
          { value: 'all', label: 'All statuses' },
          ...notebookStatuses.map((status) => ({ value: status, label: status })),
        ]}
      />
    </>
  );
}

export function notebookColumns(timeZone: string, showProject: boolean): Column<NotebookRow>[] {
  return [
    {
      key: 'name',
      header: 'Name',
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
      render: (row) => (
        <>
          <NotebookStatusBadge status={row.status} />
          <IdleStopNote notebook={row} compact />
        </>
      ),
    },
    ...(showProject
      ? [
          {
            key: 'project',
            header: 'Project',
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
    { key: 'instanceType', header: 'Instance type', render: (row) => row.instanceType },
    { key: 'owner', header: 'Created by', render: (row) => row.owner },
    {
      key: 'created',
      header: 'Created',
      className: 'whitespace-nowrap',
      render: (row) => formatDateTime(row.createdAt, timeZone),
    },
  ];
}
