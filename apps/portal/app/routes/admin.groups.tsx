import { useState } from 'react';
import { Link } from 'react-router';

import type { Route } from './+types/admin.groups';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable, Pager, useCursorPager, type Column } from '../components/data-table';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type GroupRow = Outputs['groups']['listAll']['items'][number];

export const meta: Route.MetaFunction = () => [{ title: 'Groups · MLSpace' }];

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    return [utils.groups.listAll.prefetch({ cursor: null, limit })];
  });

export const handle = crumb(() => ({ label: 'Groups' }));

export default function AdminGroups() {
  const { user: me } = useRootData();
  const utils = trpc.useUtils();
  const pager = useCursorPager();
  const list = trpc.groups.listAll.useQuery({
    cursor: pager.cursor,
    limit: me?.preferences.pageSize ?? 25,
  });
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = trpc.groups.delete.useMutation({
    onSuccess: async () => {
      setDeleting(null);
      await utils.groups.listAll.invalidate();
    },
  });
  const timeZone = me?.preferences.timezone ?? 'UTC';

  const columns: Column<GroupRow>[] = [
    {
      key: 'name',
      header: 'Group',
      sortValue: (row) => row.name.toLowerCase(),
      render: (row) => (
        <div>
          <Link
            to={`/groups/${row.name}`}
            className="font-medium text-brand-700 underline dark:text-brand-100"
          >
            {row.name}
          </Link>
          <div className="line-clamp-1 text-xs text-slate-500 dark:text-slate-400">
            {row.description}
          </div>
        </div>
      ),
    },
    {
      key: 'members',
      header: 'Members',
      sortValue: (row) => row.memberCount,
      render: (row) => row.memberCount,
    },
    {
      key: 'createdBy',
      header: 'Created by',
      sortValue: (row) => row.createdBy,
      render: (row) => row.createdBy,
    },
    {
      key: 'created',
      header: 'Created',
      sortValue: (row) => row.createdAt,
      render: (row) => formatDateTime(row.createdAt, timeZone),
    },
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) => (
        <Button
          variant="danger"
          aria-label={`Delete group ${row.name}`}
          onClick={() => setDeleting(row.name)}
        >
          Delete
        </Button>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Groups"
        description="Groups give their members a role in the projects they are linked to."
        actions={
          <Link
            to="/admin/groups/new"
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            Create group
          </Link>
        }
      />
      <div className="mb-4">
        <ErrorNote message={errorMessage(list.error)} />
      </div>
      <DataTable
        caption="Groups"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={list.isLoading}
        emptyText="No groups yet."
        pager={
          <Pager
            page={pager.page}
            hasNext={Boolean(list.data?.cursor)}
            onNext={() => pager.next(list.data?.cursor ?? null)}
            onPrevious={pager.previous}
          />
        }
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete group ${deleting ?? ''}?`}
        confirmLabel={`Delete group ${deleting ?? ''}`}
        pending={remove.isPending}
        error={errorMessage(remove.error)}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ name: deleting })}
      >
        Its members lose the roles the group gave them in linked projects. The membership history is
        kept.
      </ConfirmDialog>
    </div>
  );
}
