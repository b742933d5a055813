import type { inferRouterInputs } from '@trpc/server';
import { Link } from 'react-router';

import type { AppRouter } from '@mlspace/api';
import { endpointStatuses, trainingJobStatuses } from '@mlspace/core';

import { ChoiceFilter, TextFilter } from '../list/filters';
import type { ListSpec, ListState } from '../list/list-state';
import type { Column } from '../list/resource-table';
import type { ListControls } from '../list/use-list';
import { cursorOf } from '../list/list-state';
import { formatDateTime } from '../../utils/format';
import type { Outputs } from '../../utils/trpc';
import { mlPath, type MlKind } from './kinds';
import { MlStatusBadge } from './ml-status';

export type MlRow = Outputs['training']['list']['items'][number];
type MlStatusFilter = NonNullable<inferRouterInputs<AppRouter>['training']['list']['status']>;

/** The statuses a kind's list can filter by; models and configurations only ever exist. */
function statusesOf(kind: MlKind): readonly string[] {
  if (kind.router === 'models' || kind.router === 'endpointConfigs') return [];
  if (kind.router === 'endpoints')
    // The API filters by the statuses every kind shares; the transient rollback ones are not offered.
    return endpointStatuses.filter(
      (status) => status !== 'SystemUpdating' && status !== 'RollingBack',
    );
  return trainingJobStatuses;
}

type MlFilter = 'q' | 'status';

const specs = new Map<string, ListSpec<MlFilter>>();

/** One kind's list view (name text, status, creation order); `prefix` when a page shows several. */
export function mlListSpec(kind: MlKind, prefix?: string): ListSpec<MlFilter> {
  const key = `${kind.router}:${prefix ?? ''}`;
  // One object per kind, so hooks that depend on the spec see the same one on every render.
  const known = specs.get(key);
  if (known) return known;
  const spec: ListSpec<MlFilter> = {
    prefix,
    filters: {
      q: { kind: 'text', maxLength: 63 },
      status: { kind: 'choice', values: ['all', ...statusesOf(kind)] },
    },
    sortable: { created: 'desc' },
    defaultSort: { column: 'created', direction: 'desc' },
  };
  specs.set(key, spec);
  return spec;
}

/**
 * The API input for a page of a kind's list: the loader and the page build it here, alike, so the
 * query the loader prefetches is the one the page asks for. `status` is one of the spec's values.
 */
export function mlListInput(state: ListState<MlFilter>, limit: number) {
  return {
    cursor: cursorOf(state),
    limit,
    search: state.filters.q || undefined,
    status: state.filters.status === 'all' ? undefined : (state.filters.status as MlStatusFilter),
    order: state.sort?.direction === 'asc' ? ('oldest' as const) : ('newest' as const),
  };
}

export function MlListFilters({ kind, list }: { kind: MlKind; list: ListControls<MlFilter> }) {
  const statuses = statusesOf(kind);
  return (
    <>
      <TextFilter list={list} name="q" label="Name contains" placeholder="Part of the name" />
      {statuses.length > 0 ? (
        <ChoiceFilter
          list={list}
          name="status"
          label="Status"
          options={[
            { value: 'all', label: 'All statuses' },
            ...statuses.map((status) => ({ value: status, label: status })),
          ]}
        />
      ) : null}
    </>
  );
}

/** A kind's columns; `showProject` on the caller's lists across projects. */
export function mlColumns(kind: MlKind, timeZone: string, showProject: boolean): Column<MlRow>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      render: (row) => (
        <Link
          to={mlPath(row.project, kind, row.name)}
          className="font-medium text-brand-700 hover:underline dark:text-brand-100"
        >
          {row.name}
        </Link>
      ),
    },
    { key: 'status', header: 'Status', render: (row) => <MlStatusBadge status={row.status} /> },
    ...(showProject
      ? [
          {
            key: 'project',
            header: 'Project',
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
      header: 'Instances',
      // "2 × ml.m5.large": what the resource holds, so a list says what it costs.
      render: (row) =>
        row.instanceType
          ? row.instanceCount && row.instanceCount > 1
            ? `${row.instanceCount} × ${row.instanceType}`
            : row.instanceType
          : '—',
    },
    { key: 'owner', header: 'Created by', render: (row) => row.owner },
    {
      key: 'created',
      header: 'Created',
      className: 'whitespace-nowrap',
      render: (row) => formatDateTime(row.createdAt, timeZone),
    },
  ];
}
