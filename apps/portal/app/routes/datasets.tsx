import { Link } from 'react-router';

import type { Route } from './+types/datasets';
import { ChoiceFilter, TextFilter } from '../components/list/filters';
import {
  cursorOf,
  parseListState,
  type ListSpec,
  type ListState,
} from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
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

/** Datasets by access level and name, in the order their scopes' keys give (ADR 011). */
const datasetListSpec: ListSpec<'q' | 'scope'> = {
  filters: {
    q: { kind: 'text', maxLength: 63 },
    scope: { kind: 'choice', values: ['all', 'global', 'private', 'project', 'group'] },
  },
  sortable: {},
  defaultSort: null,
};

function datasetListInput(state: ListState<'q' | 'scope'>, limit: number) {
  return {
    scope: state.filters.scope as ScopeFilter,
    search: state.filters.q || undefined,
    cursor: cursorOf(state),
    limit,
  };
}

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.datasets.list.prefetch(
      datasetListInput(
        parseListState(datasetListSpec, url.searchParams),
        activeUser(context).preferences.pageSize,
      ),
    ),
  ]);

export const meta: Route.MetaFunction = () => [{ title: 'Datasets · MLSpace' }];

export const handle = crumb(() => ({ label: 'Datasets' }));

const scopeTones = { global: 'blue', project: 'green', private: 'slate', group: 'amber' } as const;

export default function Datasets() {
  const { user } = useRootData();
  const list = useList(datasetListSpec);
  const limit = user?.preferences.pageSize ?? 25;
  const page = trpc.datasets.list.useQuery(datasetListInput(list.state, limit));
  const active = useServiceActive('datasets');
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const createLink = (
    <Link
      to="/datasets/new"
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
    >
      Create dataset
    </Link>
  );

  const columns: Column<DatasetRow>[] = [
    {
      key: 'name',
      header: 'Name',
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
      render: (row) => <Badge tone={scopeTones[row.scope]}>{scopeLabel(row)}</Badge>,
    },
    { key: 'type', header: 'Type', render: (row) => row.type },
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
      render: (row) => row.createdBy,
    },
    {
      key: 'created',
      header: 'Created',
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
        actions={active ? createLink : null}
      />
      <ServiceDeactivated service="datasets" />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable
        caption="Datasets"
        columns={columns}
        rows={page.data?.items ?? []}
        rowKey={(row) => `${row.scope}/${row.scopeId}/${row.name}`}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        empty={{
          message: active
            ? 'No datasets you can see yet. Create one to upload files for your notebooks and jobs.'
            : 'No datasets you can see.',
          action: active ? createLink : undefined,
        }}
        toolbar={
          <>
            <TextFilter
              list={list}
              name="q"
              label="Name contains"
              placeholder="Part of a dataset's name"
            />
            <ChoiceFilter
              list={list}
              name="scope"
              label="Access level"
              options={[
                { value: 'all', label: 'All access levels' },
                { value: 'global', label: 'Global' },
                { value: 'private', label: 'Private' },
                { value: 'project', label: 'Project' },
                { value: 'group', label: 'Group' },
              ]}
            />
          </>
        }
      />
    </div>
  );
}
