import type { Route } from './+types/notebooks';
import { useCursorPager } from '../components/data-table';
import { changingStatuses } from '../components/notebooks/notebook-status';
import { NotebooksTable } from '../components/notebooks/notebooks-table';
import { ErrorNote, PageHeader } from '../components/ui';
import { ServiceDeactivated } from '../components/service-deactivated';
import { crumb } from '../components/breadcrumbs';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.notebooks.mine.prefetch({
      cursor: null,
      limit: activeUser(context).preferences.pageSize,
    }),
  ]);

export const meta: Route.MetaFunction = () => [{ title: 'My notebooks · MLSpace' }];

export const handle = crumb(() => ({ label: 'My notebooks' }));

export default function MyNotebooks() {
  const { user } = useRootData();
  const pager = useCursorPager();
  const list = trpc.notebooks.mine.useQuery(
    { cursor: pager.cursor, limit: user?.preferences.pageSize ?? 25 },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((row) => changingStatuses.includes(row.status)) ? 2000 : 15000,
    },
  );
  return (
    <div>
      <PageHeader
        title="My notebooks"
        description="Notebooks you created, in every project. Create one from a project's Notebooks page."
      />
      <ServiceDeactivated service="notebooks" />
      <div className="mb-4">
        <ErrorNote message={errorMessage(list.error)} />
      </div>
      <NotebooksTable
        caption="My notebooks"
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
    </div>
  );
}
