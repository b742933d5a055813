import { Link, useParams } from 'react-router';

import type { Route } from './+types/labeling.list';
import { labelingPath } from '../components/labeling/paths';
import { cursorOf, pagesOnly, parseListState } from '../components/list/list-state';
import { ResourceTable } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { MlStatusBadge } from '../components/ml/ml-status';
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
const changing = ['Initializing', 'InProgress', 'Stopping'];

export const loader = ({ context, params, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.labeling.list.prefetch({
      project: params.project,
      cursor: cursorOf(parseListState(listSpec, url.searchParams)),
      limit: activeUser(context).preferences.pageSize,
    }),
    utils.labeling.options.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Labeling · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Labeling', 'labeling');

type Row = {
  name: string;
  project: string;
  status: string;
  owner: string;
  createdAt: string;
  spec: Record<string, unknown>;
};

/** A project's labeling jobs, and the way to a new one. */
export default function LabelingJobs() {
  const { project = '' } = useParams();
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const list = useList(listSpec);
  const limit = user?.preferences.pageSize ?? 25;
  const page = trpc.labeling.list.useQuery(
    { project, cursor: cursorOf(list.state), limit },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((row) => changing.includes(row.status)) ? 3000 : 15000,
    },
  );
  const options = trpc.labeling.options.useQuery({ project });
  const active = useServiceActive('labeling');
  const mayCreate = active && options.data?.mayCreate === true;
  const createLink = (
    <Link
      to={labelingPath(project, 'new')}
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
    >
      Create labeling job
    </Link>
  );
  const taskTypeLabel = (row: Row) =>
    options.data?.taskTypes.find((type) => type.name === row.spec.taskType)?.label ??
    (typeof row.spec.taskType === 'string' ? row.spec.taskType : '');
  return (
    <div>
      <PageHeader
        title="Labeling jobs"
        description={
          options.data?.backend === 'aws'
            ? 'Ground Truth jobs: project members label images and text in its labeling portal.'
            : 'Project members label images and text here; several answers per object are consolidated into a Ground Truth manifest.'
        }
        actions={mayCreate ? createLink : null}
      />
      <ServiceDeactivated service="labeling" />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable<Row>
        caption={`Labeling jobs of ${project}`}
        columns={[
          {
            key: 'name',
            header: 'Name',
            render: (row) => (
              <Link
                to={labelingPath(project, row.name)}
                className="font-medium text-brand-700 hover:underline dark:text-brand-100"
              >
                {row.name}
              </Link>
            ),
          },
          {
            key: 'status',
            header: 'Status',
            render: (row) => <MlStatusBadge status={row.status} />,
          },
          { key: 'taskType', header: 'Task type', render: taskTypeLabel },
          {
            key: 'workers',
            header: 'Workers',
            render: (row) => (Array.isArray(row.spec.workers) ? row.spec.workers.join(', ') : '—'),
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
            ? `No labeling jobs in ${project} yet. Create one to turn a dataset into training data.`
            : `No labeling jobs in ${project} yet.`,
          action: mayCreate ? createLink : undefined,
        }}
      />
    </div>
  );
}
