import { Link, useLocation, useParams } from 'react-router';

import type { Route } from './+types/ml.list';
import { useCursorPager } from '../components/data-table';
import { kindBySegment, mlPath, type MlKind } from '../components/ml/kinds';
import { changingMlStatuses } from '../components/ml/ml-status';
import { MlResourceTable } from '../components/ml/resource-table';
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
    return [
      api.list.prefetch({
        project: params.project,
        cursor: null,
        limit: activeUser(context).preferences.pageSize,
      }),
    ];
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
  const pager = useCursorPager();
  const api = trpc[kind.router] as unknown as typeof trpc.training;
  const list = api.list.useQuery(
    { project, cursor: pager.cursor, limit: user?.preferences.pageSize ?? 25 },
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
  return (
    <div>
      <PageHeader
        title={kind.title}
        description={kind.description}
        actions={
          mayCreate ? (
            <Link
              to={`${mlPath(project, kind)}/new`}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Create {kind.singular}
            </Link>
          ) : null
        }
      />
      <ServiceDeactivated service={kind.service} />
      <div className="mb-4">
        <ErrorNote message={errorMessage(list.error)} />
      </div>
      <MlResourceTable
        kind={kind}
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
