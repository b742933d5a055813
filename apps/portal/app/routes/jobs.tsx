import type { Route } from './+types/jobs';
import { useCursorPager } from '../components/data-table';
import { mlKinds, type MlKind } from '../components/ml/kinds';
import { changingMlStatuses } from '../components/ml/ml-status';
import { MlResourceTable } from '../components/ml/resource-table';
import { ErrorNote, PageHeader } from '../components/ui';
import { crumb } from '../components/breadcrumbs';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { useActiveServices } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';

// A deactivated kind's list is refused and left out; the page does not show it anyway.
export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) =>
    mlKinds.map((kind) =>
      (utils[kind.router] as unknown as typeof utils.training).mine.prefetch({
        cursor: null,
        limit: activeUser(context).preferences.pageSize,
      }),
    ),
  );

export const meta: Route.MetaFunction = () => [{ title: 'My jobs and models · MLSpace' }];

export const handle = crumb(() => ({ label: 'Jobs & models' }));

/** Everything ML the caller created, across projects, one table per kind. */
export default function MyJobs() {
  const services = useActiveServices();
  // A deactivated kind has no section here; its resources stay readable from the project's pages.
  const kinds = mlKinds.filter((kind) => services[kind.service]);
  return (
    <div>
      <PageHeader
        title="My jobs and models"
        description="Training, tuning and transform jobs, models, endpoint configurations and endpoints you created, in every project."
      />
      {kinds.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:text-slate-400 dark:border-slate-700">
          An administrator has deactivated training, tuning, transform, models and endpoints.
        </p>
      ) : null}
      <div className="space-y-10">
        {kinds.map((kind) => (
          <section key={kind.router} aria-labelledby={`mine-${kind.segment}`}>
            <h2 id={`mine-${kind.segment}`} className="mb-2 text-lg font-semibold">
              {kind.title}
            </h2>
            <MineTable kind={kind} />
          </section>
        ))}
      </div>
    </div>
  );
}

function MineTable({ kind }: { kind: MlKind }) {
  const { user } = useRootData();
  const pager = useCursorPager();
  const api = trpc[kind.router] as unknown as typeof trpc.training;
  const list = api.mine.useQuery(
    { cursor: pager.cursor, limit: user?.preferences.pageSize ?? 25 },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((row) => changingMlStatuses.includes(row.status))
          ? 2000
          : 30000,
    },
  );
  return (
    <>
      <ErrorNote message={errorMessage(list.error)} />
      <MlResourceTable
        kind={kind}
        rows={list.data?.items ?? []}
        loading={list.isLoading}
        timeZone={user?.preferences.timezone ?? 'UTC'}
        showProject
        pager={{
          page: pager.page,
          hasNext: Boolean(list.data?.cursor),
          onNext: () => pager.next(list.data?.cursor ?? null),
          onPrevious: pager.previous,
        }}
      />
    </>
  );
}
