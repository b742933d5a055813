import { useState } from 'react';
import { Link, useParams } from 'react-router';

import type { Route } from './+types/groups.group';
import { useConfirm } from '../components/confirm-dialog';
import { DataTable, Pager, useCursorPager, type Column } from '../components/data-table';
import { NotAllowed, isForbidden } from '../components/not-allowed';
import { Badge, Button, ErrorNote, PageHeader } from '../components/ui';
import { UserPicker } from '../components/user-picker';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { prefetchQueries } from '../utils/prefetch.server';

type MemberRow = Outputs['groups']['members']['items'][number];
type EventRow = Outputs['groups']['history']['items'][number];
type ProjectRow = Outputs['groups']['projects'][number];

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const name = params.group;
    return [
      utils.groups.get.prefetch({ name }),
      utils.groups.members.prefetch({ name, cursor: null, limit: 25 }),
      utils.groups.history.prefetch({ name, cursor: null, limit: 25 }),
      utils.groups.projects.prefetch({ name }),
    ];
  });

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Group ${params.group} · MLSpace` },
];

export const handle = crumb(({ params }) => ({ label: `Group ${params.group ?? ''}` }));

export default function GroupPage() {
  const name = useParams().group ?? '';
  const { user: me } = useRootData();
  const isAdmin = Boolean(me?.isAdmin);
  const timeZone = me?.preferences.timezone ?? 'UTC';
  const utils = trpc.useUtils();
  const group = trpc.groups.get.useQuery(
    { name },
    { retry: (count, error) => !isForbidden(error) && count < 1 },
  );
  const readable = Boolean(group.data);
  const memberPager = useCursorPager();
  const historyPager = useCursorPager();
  const members = trpc.groups.members.useQuery(
    { name, cursor: memberPager.cursor, limit: 25 },
    { enabled: readable },
  );
  const history = trpc.groups.history.useQuery(
    { name, cursor: historyPager.cursor, limit: 25 },
    { enabled: readable },
  );
  const projects = trpc.groups.projects.useQuery({ name }, { enabled: readable });
  const [adding, setAdding] = useState<string[]>([]);
  const [description, setDescription] = useState<string | null>(null);
  const confirm = useConfirm();
  const refresh = () =>
    Promise.all([
      utils.groups.get.invalidate({ name }),
      utils.groups.members.invalidate({ name }),
      utils.groups.history.invalidate({ name }),
    ]);
  const addMembers = trpc.groups.addMembers.useMutation({
    onSuccess: async () => {
      setAdding([]);
      await refresh();
    },
  });
  const removeMember = trpc.groups.removeMember.useMutation({ onSuccess: refresh });
  const update = trpc.groups.update.useMutation({
    onSuccess: async () => {
      setDescription(null);
      await refresh();
    },
  });

  if (group.error && isForbidden(group.error))
    return <NotAllowed title="You cannot open this group" message={group.error.message} />;
  if (!group.data)
    return group.error ? (
      <ErrorNote message={errorMessage(group.error)} />
    ) : (
      <p className="text-sm text-slate-500 dark:text-slate-400">Loading group…</p>
    );

  const memberColumns: Column<MemberRow>[] = [
    {
      key: 'username',
      header: 'User',
      sortValue: (row) => row.username,
      render: (row) => <span className="font-medium">{row.username}</span>,
    },
    {
      key: 'added',
      header: 'Added',
      sortValue: (row) => row.addedAt,
      render: (row) => `${formatDateTime(row.addedAt, timeZone)} by ${row.addedBy}`,
    },
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) =>
        isAdmin ? (
          <Button
            variant="danger"
            aria-label={`Remove ${row.username} from the group`}
            onClick={() =>
              confirm.ask({
                title: `Remove ${row.username} from ${name}?`,
                description: `${row.username} loses the roles ${name} gives in its linked projects, unless they hold them another way. The change is kept in the membership history.`,
                confirmLabel: `Remove ${row.username}`,
                action: () => removeMember.mutateAsync({ name, username: row.username }),
              })
            }
          >
            Remove
          </Button>
        ) : null,
    },
  ];
  const projectColumns: Column<ProjectRow>[] = [
    {
      key: 'project',
      header: 'Project',
      sortValue: (row) => row.project,
      render: (row) => (
        <Link
          className="font-medium text-brand-700 underline dark:text-brand-100"
          to={`/projects/${row.project}`}
        >
          {row.project}
        </Link>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      sortValue: (row) => row.role,
      render: (row) => (
        <Badge tone={row.role === 'owner' ? 'blue' : 'slate'}>
          {row.role === 'owner' ? 'Owner' : 'Member'}
        </Badge>
      ),
    },
    { key: 'addedBy', header: 'Linked by', render: (row) => row.addedBy },
  ];
  const historyColumns: Column<EventRow>[] = [
    {
      key: 'when',
      header: 'When',
      sortValue: (row) => row.actionedAt,
      render: (row) => formatDateTime(row.actionedAt, timeZone),
    },
    {
      key: 'user',
      header: 'User',
      sortValue: (row) => row.username,
      render: (row) => row.username,
    },
    {
      key: 'action',
      header: 'Action',
      sortValue: (row) => row.action,
      render: (row) =>
        ({ added: 'Added', removed: 'Removed', group_deleted: 'Group deleted' })[row.action],
    },
    {
      key: 'by',
      header: 'By',
      sortValue: (row) => row.actionedBy,
      render: (row) => row.actionedBy,
    },
  ];

  return (
    <div className="space-y-8">
      <PageHeader
        title={`Group ${group.data.name}`}
        description={group.data.description || 'No description.'}
        actions={
          <Badge tone="slate">
            {group.data.memberCount} {group.data.memberCount === 1 ? 'member' : 'members'}
          </Badge>
        }
      />
      {isAdmin ? (
        <section
          aria-labelledby="manage-group"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id="manage-group" className="font-medium">
            Manage
          </h2>
          <div className="flex items-end gap-2">
            <label className="flex flex-1 flex-col gap-1 text-sm">
              <span>Description</span>
              <input
                value={description ?? group.data.description}
                onChange={(event) => setDescription(event.target.value)}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
              />
            </label>
            <Button
              disabled={description === null || update.isPending}
              onClick={() => description !== null && update.mutate({ name, description })}
            >
              Save
            </Button>
          </div>
          <UserPicker
            selected={adding}
            onChange={setAdding}
            exclude={members.data?.items.map((row) => row.username)}
          />
          <Button
            variant="primary"
            disabled={adding.length === 0 || addMembers.isPending}
            onClick={() => addMembers.mutate({ name, usernames: adding })}
          >
            Add to group
          </Button>
          <ErrorNote
            message={errorMessage(addMembers.error ?? update.error ?? removeMember.error)}
          />
        </section>
      ) : null}
      <section aria-labelledby="group-members" className="space-y-2">
        <h2 id="group-members" className="text-lg font-medium">
          Members
        </h2>
        <DataTable
          caption="Group members"
          columns={memberColumns}
          rows={members.data?.items ?? []}
          rowKey={(row) => row.username}
          loading={members.isLoading}
          emptyText="No members."
          pager={
            <Pager
              page={memberPager.page}
              hasNext={Boolean(members.data?.cursor)}
              onNext={() => memberPager.next(members.data?.cursor ?? null)}
              onPrevious={memberPager.previous}
            />
          }
        />
      </section>
      <section aria-labelledby="group-projects" className="space-y-2">
        <h2 id="group-projects" className="text-lg font-medium">
          Linked projects
        </h2>
        <DataTable
          caption="Linked projects"
          columns={projectColumns}
          rows={projects.data ?? []}
          rowKey={(row) => row.project}
          loading={projects.isLoading}
          emptyText="Not linked to any project."
        />
      </section>
      <section aria-labelledby="group-history" className="space-y-2">
        <h2 id="group-history" className="text-lg font-medium">
          Membership history
        </h2>
        <DataTable
          caption="Membership history"
          columns={historyColumns}
          rows={history.data?.items ?? []}
          rowKey={(row) => `${row.actionedAt}-${row.username}-${row.action}`}
          loading={history.isLoading}
          emptyText="No membership changes yet."
          pager={
            <Pager
              page={historyPager.page}
              hasNext={Boolean(history.data?.cursor)}
              onNext={() => historyPager.next(history.data?.cursor ?? null)}
              onPrevious={historyPager.previous}
            />
          }
        />
      </section>
      {confirm.dialog}
    </div>
  );
}
