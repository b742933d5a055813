import { useState } from 'react';
import { Link, useParams } from 'react-router';

import type { Route } from './+types/groups.group';
import { useConfirm } from '../components/confirm-dialog';
import { cursorOf, pagesOnly, parseListState } from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
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

/** The page's two paged lists keep their pages apart in the URL (`members-page`, `history-page`). */
const memberListSpec = pagesOnly('members-');
const historyListSpec = pagesOnly('history-');
const pageSize = 25;

export const loader = ({ context, params, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const name = params.group;
    const members = parseListState(memberListSpec, url.searchParams);
    const history = parseListState(historyListSpec, url.searchParams);
    return [
      utils.groups.get.prefetch({ name }),
      utils.groups.members.prefetch({ name, cursor: cursorOf(members), limit: pageSize }),
      utils.groups.history.prefetch({ name, cursor: cursorOf(history), limit: pageSize }),
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
  const memberList = useList(memberListSpec);
  const historyList = useList(historyListSpec);
  const members = trpc.groups.members.useQuery(
    { name, cursor: memberList.cursor, limit: pageSize },
    { enabled: readable },
  );
  const history = trpc.groups.history.useQuery(
    { name, cursor: historyList.cursor, limit: pageSize },
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
      render: (row) => <span className="font-medium">{row.username}</span>,
    },
    {
      key: 'added',
      header: 'Added',
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
      render: (row) => formatDateTime(row.actionedAt, timeZone),
    },
    {
      key: 'user',
      header: 'User',
      render: (row) => row.username,
    },
    {
      key: 'action',
      header: 'Action',
      render: (row) =>
        ({ added: 'Added', removed: 'Removed', group_deleted: 'Group deleted' })[row.action],
    },
    {
      key: 'by',
      header: 'By',
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
        <ResourceTable
          caption="Group members"
          columns={memberColumns}
          rows={members.data?.items ?? []}
          rowKey={(row) => row.username}
          loading={members.isLoading}
          list={memberList}
          nextCursor={members.data?.cursor}
          pageSize={pageSize}
          total={group.data.memberCount}
          empty={{
            message: isAdmin
              ? 'No members yet. Add people above; they appear in the picker after their first sign-in.'
              : 'No members yet.',
          }}
        />
      </section>
      <section aria-labelledby="group-projects" className="space-y-2">
        <h2 id="group-projects" className="text-lg font-medium">
          Linked projects
        </h2>
        <ResourceTable
          caption="Linked projects"
          columns={projectColumns}
          rows={projects.data ?? []}
          rowKey={(row) => row.project}
          loading={projects.isLoading}
          empty={{
            message:
              "Not linked to any project. A project's owner links a group from the project's Groups tab.",
          }}
        />
      </section>
      <section aria-labelledby="group-history" className="space-y-2">
        <h2 id="group-history" className="text-lg font-medium">
          Membership history
        </h2>
        <ResourceTable
          caption="Membership history"
          columns={historyColumns}
          rows={history.data?.items ?? []}
          rowKey={(row) => `${row.actionedAt}-${row.username}-${row.action}`}
          loading={history.isLoading}
          list={historyList}
          nextCursor={history.data?.cursor}
          pageSize={pageSize}
          empty={{ message: 'No membership changes yet.' }}
        />
      </section>
      {confirm.dialog}
    </div>
  );
}
