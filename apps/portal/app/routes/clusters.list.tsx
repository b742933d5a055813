import { Link, useParams } from 'react-router';

import type { Route } from './+types/clusters.list';
import { ClusterStatusBadge, changingClusterStatuses } from '../components/clusters/cluster-status';
import { EngineNote } from '../components/clusters/engine-note';
import { clusterPath } from '../components/clusters/paths';
import { cursorOf, pagesOnly, parseListState } from '../components/list/list-state';
import { ResourceTable } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { ServiceDeactivated } from '../components/service-deactivated';
import { ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { activeUser } from '../utils/caller.server';
import { errorMessage, formatDateTime } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

const listSpec = pagesOnly();

export const loader = ({ context, params, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.clusters.list.prefetch({
      project: params.project,
      cursor: cursorOf(parseListState(listSpec, url.searchParams)),
      limit: activeUser(context).preferences.pageSize,
    }),
    utils.clusters.options.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Clusters · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Clusters', 'clusters');

type Row = {
  name: string;
  status: string;
  owner: string;
  createdAt: string;
  instanceType: string | null;
  instanceCount: number | null;
  failureReason: string | null;
  spec: Record<string, unknown>;
};

/** A project's clusters, terminated ones included, and the way to a new one. */
export default function Clusters() {
  const { project = '' } = useParams();
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const list = useList(listSpec);
  const limit = user?.preferences.pageSize ?? 25;
  const page = trpc.clusters.list.useQuery(
    { project, cursor: cursorOf(list.state), limit },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((row) => changingClusterStatuses.includes(row.status))
          ? 3000
          : 15000,
    },
  );
  const options = trpc.clusters.options.useQuery({ project });
  const active = useServiceActive('emr');
  const mayCreate = active && options.data?.mayCreate === true;
  const createLink = (
    <Link
      to={clusterPath(project, 'new')}
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
    >
      Create cluster
    </Link>
  );
  return (
    <div>
      <PageHeader
        title="Clusters"
        description="Clusters made from your administrator's cluster types; notebooks of the project attach to them."
        actions={mayCreate ? createLink : null}
      />
      <ServiceDeactivated service="emr" />
      {options.data ? (
        <div className="mb-4">
          <EngineNote engine={options.data.engine} note={options.data.note} />
        </div>
      ) : null}
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable<Row>
        caption={`Clusters of ${project}`}
        columns={[
          {
            key: 'name',
            header: 'Name',
            render: (row) => (
              <Link
                to={clusterPath(project, row.name)}
                className="font-medium text-brand-700 hover:underline dark:text-brand-100"
              >
                {row.name}
              </Link>
            ),
          },
          {
            key: 'status',
            header: 'Status',
            render: (row) => <ClusterStatusBadge status={row.status} />,
          },
          {
            key: 'type',
            header: 'Cluster type',
            render: (row) =>
              typeof row.spec.clusterType === 'string' ? row.spec.clusterType : '—',
          },
          {
            key: 'size',
            header: 'Nodes',
            render: (row) =>
              row.instanceCount ? `${row.instanceCount} × ${row.instanceType ?? ''}` : '—',
          },
          { key: 'owner', header: 'Created by', render: (row) => row.owner },
          {
            key: 'created',
            header: 'Created',
            className: 'whitespace-nowrap',
            render: (row) => formatDateTime(row.createdAt, timeZone),
          },
        ]}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        empty={{
          message: mayCreate
            ? `No clusters in ${project} yet. Create one from a cluster type.`
            : `No clusters in ${project} yet.`,
          action: mayCreate ? createLink : undefined,
        }}
      />
    </div>
  );
}
