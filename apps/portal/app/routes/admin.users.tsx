import { Link } from 'react-router';

import type { Route } from './+types/admin.users';
import { useConfirm } from '../components/confirm-dialog';
import { ChoiceFilter, TextFilter } from '../components/list/filters';
import {
  cursorOf,
  parseListState,
  type ListSpec,
  type ListState,
} from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { Badge, Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type UserRow = Outputs['users']['list']['items'][number];
type StatusFilter = 'all' | 'active' | 'suspended' | 'admins';

/** Users come by username (the key's order); the filters narrow that Query. */
const userListSpec: ListSpec<'q' | 'status'> = {
  filters: {
    q: { kind: 'text', maxLength: 128 },
    status: { kind: 'choice', values: ['all', 'active', 'suspended', 'admins'] },
  },
  sortable: {},
  defaultSort: null,
};

function userListInput(state: ListState<'q' | 'status'>, limit: number) {
  return {
    cursor: cursorOf(state),
    limit,
    filter: state.filters.q || undefined,
    status: state.filters.status as StatusFilter,
  };
}

export const meta: Route.MetaFunction = () => [{ title: 'Users · MLSpace' }];

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    const state = parseListState(userListSpec, url.searchParams);
    return [utils.users.list.prefetch(userListInput(state, limit))];
  });

export const handle = crumb(() => ({ label: 'Users' }));

export default function AdminUsers() {
  const { user: me } = useRootData();
  const list = useList(userListSpec);
  const limit = me?.preferences.pageSize ?? 25;
  const utils = trpc.useUtils();
  const page = trpc.users.list.useQuery(userListInput(list.state, limit));
  const onDone = { onSuccess: () => utils.users.list.invalidate() };
  const setSuspended = trpc.users.setSuspended.useMutation(onDone);
  const setAdmin = trpc.users.setAdmin.useMutation(onDone);
  const confirm = useConfirm();
  const signOutEverywhere = trpc.users.signOutEverywhere.useMutation();
  const timeZone = me?.preferences.timezone ?? 'UTC';

  const columns: Column<UserRow>[] = [
    {
      key: 'username',
      header: 'User',
      render: (row) => (
        <div>
          <Link
            to={`/admin/users/${encodeURIComponent(row.username)}`}
            className="font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            {row.displayName || row.username}
          </Link>
          <div className="text-xs text-slate-500 dark:text-slate-400">
            {row.username} · {row.email}
          </div>
        </div>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (row) => (
        <div className="flex gap-1">
          {row.deletion ? (
            <Badge tone="red">Being deleted</Badge>
          ) : row.suspended ? (
            <Badge tone="amber">Suspended</Badge>
          ) : (
            <Badge tone="green">Active</Badge>
          )}
          {row.isAdmin ? <Badge tone="blue">Admin</Badge> : null}
        </div>
      ),
    },
    {
      key: 'lastLogin',
      header: 'Last sign-in',
      render: (row) => formatDateTime(row.lastLoginAt, timeZone),
    },
    {
      key: 'created',
      header: 'Registered',
      render: (row) => formatDateTime(row.createdAt, timeZone),
    },
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) =>
        row.username === me?.username ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">You</span>
        ) : (
          <div className="flex justify-end gap-2">
            <Button
              variant={row.suspended ? 'secondary' : 'danger'}
              aria-label={`${row.suspended ? 'Reactivate' : 'Suspend'} ${row.username}`}
              disabled={setSuspended.isPending}
              onClick={() =>
                confirm.ask(
                  row.suspended
                    ? {
                        title: `Reactivate ${row.username}?`,
                        description: `${row.username} can sign in again and regains every project and group role they held.`,
                        confirmLabel: `Reactivate ${row.username}`,
                        tone: 'primary',
                        action: () =>
                          setSuspended.mutateAsync({ username: row.username, suspended: false }),
                      }
                    : {
                        title: `Suspend ${row.username}?`,
                        description: `${row.username} is signed out everywhere and cannot use MLSpace until an administrator reactivates them. Their resources, datasets and roles are kept.`,
                        confirmLabel: `Suspend ${row.username}`,
                        action: () =>
                          setSuspended.mutateAsync({ username: row.username, suspended: true }),
                      },
                )
              }
            >
              {row.suspended ? 'Reactivate' : 'Suspend'}
            </Button>
            <Button
              aria-label={`${row.isAdmin ? 'Revoke admin from' : 'Make admin'} ${row.username}`}
              disabled={setAdmin.isPending}
              onClick={() =>
                confirm.ask(
                  row.isAdmin
                    ? {
                        title: `Revoke admin from ${row.username}?`,
                        description: `${row.username} can no longer manage users, groups, every project or the configuration. Their own project roles are kept.`,
                        confirmLabel: `Revoke admin from ${row.username}`,
                        action: () =>
                          setAdmin.mutateAsync({ username: row.username, isAdmin: false }),
                      }
                    : {
                        title: `Make ${row.username} an administrator?`,
                        description: `${row.username} will be able to read and change every project, dataset, user and group, and the configuration of MLSpace.`,
                        confirmLabel: `Make ${row.username} an administrator`,
                        tone: 'primary',
                        action: () =>
                          setAdmin.mutateAsync({ username: row.username, isAdmin: true }),
                      },
                )
              }
            >
              {row.isAdmin ? 'Revoke admin' : 'Make admin'}
            </Button>
            <Button
              aria-label={`Sign out everywhere: ${row.username}`}
              disabled={signOutEverywhere.isPending}
              onClick={() =>
                confirm.ask({
                  title: `Sign ${row.username} out everywhere?`,
                  description: `Every browser where ${row.username} is signed in is signed out at once; they can sign in again. Their account, roles and resources are kept.`,
                  confirmLabel: `Sign ${row.username} out everywhere`,
                  action: () => signOutEverywhere.mutateAsync({ username: row.username }),
                })
              }
            >
              Sign out everywhere
            </Button>
          </div>
        ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Users"
        description="Everyone who has signed in to MLSpace. Suspend, reactivate and promote them here; open one to see their projects, groups and resources, or to delete them."
      />
      <div className="mb-4">
        <ErrorNote
          message={errorMessage(
            page.error ?? setSuspended.error ?? setAdmin.error ?? signOutEverywhere.error,
          )}
        />
        {signOutEverywhere.data ? (
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            Every session of {signOutEverywhere.data.username} has ended.
          </p>
        ) : null}
      </div>
      <ResourceTable
        caption="Users"
        columns={columns}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.username}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        empty={{
          message:
            'Nobody has signed in yet. People appear here after their first sign-in through the identity provider.',
        }}
        toolbar={
          <>
            <TextFilter
              list={list}
              name="q"
              label="Name, username or email"
              placeholder="Part of a name or email"
            />
            <ChoiceFilter
              list={list}
              name="status"
              label="Status"
              options={[
                { value: 'all', label: 'All users' },
                { value: 'active', label: 'Active' },
                { value: 'suspended', label: 'Suspended' },
                { value: 'admins', label: 'Administrators' },
              ]}
            />
          </>
        }
      />
      {confirm.dialog}
    </div>
  );
}
