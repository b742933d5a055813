import { Link, useParams } from 'react-router';

import type { Route } from './+types/translate.jobs';
import { cursorOf, pagesOnly, parseListState } from '../components/list/list-state';
import { ResourceTable } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { MlStatusBadge, changingMlStatuses } from '../components/ml/ml-status';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { ServiceDeactivated } from '../components/service-deactivated';
import { translatePath, translationJobPath } from '../components/translation/paths';
import { TranslationNav } from '../components/translation/translation-nav';
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
    utils.translation.jobs.list.prefetch({
      project: params.project,
      cursor: cursorOf(parseListState(listSpec, url.searchParams)),
      limit: activeUser(context).preferences.pageSize,
    }),
    utils.translation.jobs.options.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Batch translation · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Translation', 'translate', () => 'Batch jobs');

type Row = {
  name: string;
  status: string;
  owner: string;
  createdAt: string;
  spec: Record<string, unknown>;
};

const languagesOf = (row: Row) =>
  `${typeof row.spec.sourceLanguage === 'string' ? row.spec.sourceLanguage : '?'} → ${
    Array.isArray(row.spec.targetLanguages) ? row.spec.targetLanguages.join(', ') : '?'
  }`;

/** A project's batch translation jobs and the way to a new one. */
export default function TranslationJobs() {
  const { project = '' } = useParams();
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const list = useList(listSpec);
  const limit = user?.preferences.pageSize ?? 25;
  const page = trpc.translation.jobs.list.useQuery(
    { project, cursor: cursorOf(list.state), limit },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((row) => changingMlStatuses.includes(row.status))
          ? 3000
          : 15000,
    },
  );
  const options = trpc.translation.jobs.options.useQuery({ project });
  const mayCreate = useServiceActive('translate') && options.data?.mayCreate === true;
  const createLink = (
    <Link
      to={translatePath(project, 'jobs/new')}
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
    >
      Create batch job
    </Link>
  );
  return (
    <div>
      <PageHeader
        title="Translation"
        description="Batch jobs translate every document under a dataset location into a dataset of the project."
        actions={mayCreate ? createLink : null}
      />
      <TranslationNav />
      <ServiceDeactivated service="translate" />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable<Row>
        caption={`Batch translation jobs of ${project}`}
        columns={[
          {
            key: 'name',
            header: 'Name',
            render: (row) => (
              <Link
                to={translationJobPath(project, row.name)}
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
          { key: 'languages', header: 'Languages', render: languagesOf },
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
          message: `No batch translation jobs in ${project} yet.`,
          action: mayCreate ? createLink : undefined,
        }}
      />
    </div>
  );
}
