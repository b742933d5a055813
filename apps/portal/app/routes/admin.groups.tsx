import { useState } from 'react';
import { Link } from 'react-router';

import type { Route } from './+types/admin.groups';
import { ConfirmDialog } from '../components/confirm-dialog';
import { cursorOf, pagesOnly, parseListState } from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type GroupRow = Outputs['groups']['listAll']['items'][number];

export const meta: Route.MetaFunction = () => [{ title: 'Groups · MLSpace' }];

/** Groups come by name, the order of their key. */
const groupListSpec = pagesOnly();

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    const cursor = cursorOf(parseListState(groupListSpec, url.searchParams));
    return [utils.groups.listAll.prefetch({ cursor, limit })];
  });

export const handle = crumb(() => ({ label: 'Groups' }));

export default function AdminGroups() {
  const { user: me } = useRootData();
  const utils = trpc.useUtils();
  const list = useList(groupListSpec);
  const limit = me?.preferences.pageSize ?? 25;
  const page = trpc.groups.listAll.useQuery({ cursor: list.cursor, limit });
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = trpc.groups.delete.useMutation({
    onSuccess: async () => {
      setDeleting(null);
      await utils.groups.listAll.invalidate();
    },
  });
  const timeZone = me?.preferences.timezone ?? 'UTC';
  const createGroupLink = (
    <Link
      to="/admin/groups/new"
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
    >
      Create group
    </Link>
  );

  const columns: Column<GroupRow>[] = [
    {
      key: 'name',
      header: 'Group',
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
      render: (row) => row.memberCount,
    },
    {
      key: 'createdBy',
      header: 'Created by',
      render: (row) => row.createdBy,
    },
    {
      key: 'created',
      header: 'Created',
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
        actions={createGroupLink}
      />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable
        caption="Groups"
        columns={columns}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        empty={{
          message:
            'No groups yet. A group gives its members a role in every project it is linked to.',
          action: createGroupLink,
        }}
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
