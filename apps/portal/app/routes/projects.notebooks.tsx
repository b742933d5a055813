import { Link, useParams } from 'react-router';

import type { Route } from './+types/projects.notebooks';
import { useCursorPager } from '../components/data-table';
import { changingStatuses } from '../components/notebooks/notebook-status';
import { NotebooksTable } from '../components/notebooks/notebooks-table';
import { ErrorNote, PageHeader } from '../components/ui';
import { ServiceDeactivated } from '../components/service-deactivated';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { useServiceActive } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';
import { sectionCrumbs } from '../components/project/section-crumbs';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.notebooks.list.prefetch({
      project: params.project,
      cursor: null,
      limit: activeUser(context).preferences.pageSize,
    }),
    utils.notebooks.options.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Notebooks · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Notebooks', 'notebooks');

export default function ProjectNotebooks() {
  const { project = '' } = useParams();
  const { user } = useRootData();
  const pager = useCursorPager();
  const list = trpc.notebooks.list.useQuery(
    { project, cursor: pager.cursor, limit: user?.preferences.pageSize ?? 25 },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((row) => changingStatuses.includes(row.status)) ? 2000 : 15000,
    },
  );
  const options = trpc.notebooks.options.useQuery({ project });
  const active = useServiceActive('notebooks');
  return (
    <div>
      <PageHeader
        title="Notebooks"
        description={`Jupyter notebooks in project ${project}. Owners see every notebook; members see their own.`}
        actions={
          active && options.data?.mayCreate ? (
            <Link
              to={`/projects/${encodeURIComponent(project)}/notebooks/new`}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Create notebook
            </Link>
          ) : active && options.data?.createDenial ? (
            <span className="text-sm text-slate-500 dark:text-slate-400">
              {options.data.createDenial}
            </span>
          ) : null
        }
      />
      <ServiceDeactivated service="notebooks" />
      <div className="mb-4">
        <ErrorNote message={errorMessage(list.error)} />
      </div>
      <NotebooksTable
        caption={`Notebooks of ${project}`}
        rows={list.data?.items ?? []}
        loading={list.isLoading}
        timeZone={user?.preferences.timezone ?? 'UTC'}
        showProject={false}
        pager={{
          page: pager.page,
          hasNext: Boolean(list.data?.cursor),
          onNext: () => pager.next(list.data?.cursor ?? null),
          onPrevious: pager.previous,
        }}
      />
    </div>
  );
}
