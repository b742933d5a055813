import { Link, useLocation, useParams } from 'react-router';

import type { Route } from './+types/ml.list';
import { parseListState } from '../components/list/list-state';
import { ResourceTable } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { kindBySegment, mlPath, type MlKind } from '../components/ml/kinds';
import { changingMlStatuses } from '../components/ml/ml-status';
import { MlListFilters, mlColumns, mlListInput, mlListSpec } from '../components/ml/resource-table';
import { ServiceDeactivated } from '../components/service-deactivated';
import { ErrorNote, PageHeader } from '../components/ui';
import { useProject } from '../components/project/use-project';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { useServiceActive } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';

export const loader = ({ context, params, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const kind = kindBySegment(url.pathname.split('/')[3] ?? '');
    const api = utils[kind.router] as unknown as typeof utils.training;
    const state = parseListState(mlListSpec(kind), url.searchParams);
    const limit = activeUser(context).preferences.pageSize;
    return [api.list.prefetch({ project: params.project, ...mlListInput(state, limit) })];
  });

export const meta: Route.MetaFunction = ({ params, location }) => [
  {
    title: `${kindBySegment(location.pathname.split('/')[3] ?? '').title} · ${params.project} · MLSpace`,
  },
];

/** One page for every ML kind of a project: the kind comes from the path segment. */
export const handle = mlSectionCrumbs();

export default function ProjectMlList() {
  const { project = '' } = useParams();
  const kind = kindBySegment(useLocation().pathname.split('/')[3] ?? '');
  return <KindList key={kind.segment} project={project} kind={kind} />;
}

function KindList({ project, kind }: { project: string; kind: MlKind }) {
  const { user } = useRootData();
  const list = useList(mlListSpec(kind));
  const limit = user?.preferences.pageSize ?? 25;
  const api = trpc[kind.router] as unknown as typeof trpc.training;
  const page = api.list.useQuery(
    { project, ...mlListInput(list.state, limit) },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((row) => changingMlStatuses.includes(row.status))
          ? 2000
          : 15000,
    },
  );
  const detail = useProject();
  const active = useServiceActive(kind.service);
  const mayCreate = active && !detail.project.suspended && detail.role !== null;
  const createLink = (
    <Link
      to={`${mlPath(project, kind)}/new`}
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
    >
      Create {kind.singular}
    </Link>
  );
  return (
    <div>
      <PageHeader
        title={kind.title}
        description={kind.description}
        actions={mayCreate ? createLink : null}
      />
      <ServiceDeactivated service={kind.service} />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable
        caption={kind.title}
        columns={mlColumns(kind, user?.preferences.timezone ?? 'UTC', false)}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        toolbar={<MlListFilters kind={kind} list={list} />}
        empty={{
          message: mayCreate
            ? `No ${kind.title.toLowerCase()} in ${project} yet. Create the first one.`
            : `No ${kind.title.toLowerCase()} in ${project} yet.`,
          action: mayCreate ? createLink : undefined,
        }}
      />
    </div>
  );
}
