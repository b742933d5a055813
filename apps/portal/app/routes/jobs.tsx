import type { Route } from './+types/jobs';
import { parseListState } from '../components/list/list-state';
import { ResourceTable } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { mlKinds, type MlKind } from '../components/ml/kinds';
import { changingMlStatuses } from '../components/ml/ml-status';
import { MlListFilters, mlColumns, mlListInput, mlListSpec } from '../components/ml/resource-table';
import { ErrorNote, PageHeader } from '../components/ui';
import { crumb } from '../components/breadcrumbs';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { useActiveServices } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';

/** Each kind's table keeps its own view in the URL under its own prefix (`training-page`). */
const specOf = (kind: MlKind) => mlListSpec(kind, `${kind.segment}-`);

// A deactivated kind's list is refused and left out; the page does not show it anyway.
export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) =>
    mlKinds.map((kind) =>
      (utils[kind.router] as unknown as typeof utils.training).mine.prefetch(
        mlListInput(
          parseListState(specOf(kind), url.searchParams),
          activeUser(context).preferences.pageSize,
        ),
      ),
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
  const list = useList(specOf(kind));
  const limit = user?.preferences.pageSize ?? 25;
  const api = trpc[kind.router] as unknown as typeof trpc.training;
  const page = api.mine.useQuery(mlListInput(list.state, limit), {
    refetchInterval: (query) =>
      query.state.data?.items.some((row) => changingMlStatuses.includes(row.status)) ? 2000 : 30000,
  });
  return (
    <>
      <ErrorNote message={errorMessage(page.error)} />
      <ResourceTable
        caption={kind.title}
        columns={mlColumns(kind, user?.preferences.timezone ?? 'UTC', true)}
        rows={page.data?.items ?? []}
        rowKey={(row) => `${row.project}/${row.name}`}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        toolbar={<MlListFilters kind={kind} list={list} />}
        empty={{
          message: `You have created no ${kind.title.toLowerCase()} yet. Open one of your projects and create one from its ${kind.title} tab.`,
        }}
      />
    </>
  );
}
