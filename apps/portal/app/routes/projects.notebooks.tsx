import { Link, useParams } from 'react-router';

import type { Route } from './+types/projects.notebooks';
import { parseListState } from '../components/list/list-state';
import { ResourceTable } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { changingStatuses } from '../components/notebooks/notebook-status';
import {
  NotebookListFilters,
  notebookColumns,
  notebookListInput,
  notebookListSpec,
} from '../components/notebooks/notebooks-table';
import { ErrorNote, PageHeader } from '../components/ui';
import { ServiceDeactivated } from '../components/service-deactivated';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { useServiceActive } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';
import { sectionCrumbs } from '../components/project/section-crumbs';

export const loader = ({ context, params, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.notebooks.list.prefetch({
      project: params.project,
      ...notebookListInput(
        parseListState(notebookListSpec, url.searchParams),
        activeUser(context).preferences.pageSize,
      ),
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
  const list = useList(notebookListSpec);
  const limit = user?.preferences.pageSize ?? 25;
  const page = trpc.notebooks.list.useQuery(
    { project, ...notebookListInput(list.state, limit) },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((row) => changingStatuses.includes(row.status)) ? 2000 : 15000,
    },
  );
  const options = trpc.notebooks.options.useQuery({ project });
  const active = useServiceActive('notebooks');
  const mayCreate = active && options.data?.mayCreate === true;
  const createLink = (
    <Link
      to={`/projects/${encodeURIComponent(project)}/notebooks/new`}
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
    >
      Create notebook
    </Link>
  );
  return (
    <div>
      <PageHeader
        title="Notebooks"
        description={`Jupyter notebooks in project ${project}. Owners see every notebook; members see their own.`}
        actions={
          mayCreate ? (
            createLink
          ) : active && options.data?.createDenial ? (
            <span className="text-sm text-slate-500 dark:text-slate-400">
              {options.data.createDenial}
            </span>
          ) : null
        }
      />
      <ServiceDeactivated service="notebooks" />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable
        caption={`Notebooks of ${project}`}
        columns={notebookColumns(user?.preferences.timezone ?? 'UTC', false)}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        toolbar={<NotebookListFilters list={list} />}
        empty={{
          message: mayCreate
            ? `No notebooks in ${project} yet. Create one to start working.`
            : `No notebooks in ${project} yet.`,
          action: mayCreate ? createLink : undefined,
        }}
      />
    </div>
  );
}
