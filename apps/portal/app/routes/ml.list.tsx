import { Link, useLocation, useParams } from 'react-router';

import type { Route } from './+types/ml.list';
import { useCursorPager } from '../components/data-table';
import { kindBySegment, mlPath, type MlKind } from '../components/ml/kinds';
import { changingMlStatuses } from '../components/ml/ml-status';
import { MlResourceTable } from '../components/ml/resource-table';
import { ServiceDeactivated } from '../components/service-deactivated';
import { ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = ({ params, location }) => [
  {
    title: `${kindBySegment(location.pathname.split('/')[3] ?? '').title} · ${params.project} · MLSpace`,
  },
];

/** One page for every ML kind of a project: the kind comes from the path segment. */
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
  const project$ = trpc.projects.get.useQuery({ name: project });
  const active = useServiceActive(kind.service);
  const mayCreate =
    active && project$.data
      ? !project$.data.project.suspended && project$.data.role !== null
      : false;
  return (
    <div>
      <p className="mb-1 text-sm">
        <Link
          to={`/projects/${encodeURIComponent(project)}`}
          className="text-brand-700 hover:underline dark:text-brand-100"
        >
          ← {project}
        </Link>
      </p>
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
