import type { Route } from './+types/notebooks';
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
import { crumb } from '../components/breadcrumbs';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.notebooks.mine.prefetch(
      notebookListInput(
        parseListState(notebookListSpec, url.searchParams),
        activeUser(context).preferences.pageSize,
      ),
    ),
  ]);

export const meta: Route.MetaFunction = () => [{ title: 'My notebooks · MLSpace' }];

export const handle = crumb(() => ({ label: 'My notebooks' }));

export default function MyNotebooks() {
  const { user } = useRootData();
  const list = useList(notebookListSpec);
  const limit = user?.preferences.pageSize ?? 25;
  const page = trpc.notebooks.mine.useQuery(notebookListInput(list.state, limit), {
    refetchInterval: (query) =>
      query.state.data?.items.some((row) => changingStatuses.includes(row.status)) ? 2000 : 15000,
  });
  return (
    <div>
      <PageHeader
        title="My notebooks"
        description="Notebooks you created, in every project. Create one from a project's Notebooks page."
      />
      <ServiceDeactivated service="notebooks" />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable
        caption="My notebooks"
        columns={notebookColumns(user?.preferences.timezone ?? 'UTC', true)}
        rows={page.data?.items ?? []}
        rowKey={(row) => `${row.project}/${row.name}`}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        toolbar={<NotebookListFilters list={list} />}
        empty={{
          message:
            'You have no notebooks yet. Open one of your projects and create one from its Notebooks tab.',
        }}
      />
    </div>
  );
}
