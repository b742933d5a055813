import { useState } from 'react';
import { useNavigate } from 'react-router';

import type { Route } from './+types/members';
import { crumb } from '../../components/breadcrumbs';
import { ConfirmDialog, useConfirm } from '../../components/confirm-dialog';
import { cursorOf, pagesOnly, parseListState } from '../../components/list/list-state';
import { ResourceTable, type Column } from '../../components/list/resource-table';
import { useList } from '../../components/list/use-list';
import { RoleCell, roleSelectClass } from '../../components/project/role-cell';
import { useProject, type ProjectDetail } from '../../components/project/use-project';
import { Button, ErrorNote } from '../../components/ui';
import { UserPicker } from '../../components/user-picker';
import { useRootData } from '../../root';
import { activeUser } from '../../utils/caller.server';
import { errorMessage, formatDateTime } from '../../utils/format';
import { prefetchQueries } from '../../utils/prefetch.server';
import { trpc, type Outputs } from '../../utils/trpc';

type MemberRow = Outputs['projects']['members']['list']['items'][number];

/** Direct members by username, the order of their key. */
const memberListSpec = pagesOnly();

export const loader = ({ context, params, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.projects.members.list.prefetch({
      project: params.project,
      cursor: cursorOf(parseListState(memberListSpec, url.searchParams)),
      limit: activeUser(context).preferences.pageSize,
    }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Members · ${params.project} · MLSpace` },
];

export const handle = crumb(() => ({ label: 'Members' }));

export default function ProjectMembers() {
  return <MembersTab detail={useProject()} />;
}

function MembersTab({ detail }: { detail: ProjectDetail }) {
  const { user: me } = useRootData();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const project = detail.project.name;
  const canManage = detail.permissions.manage;
  const list = useList(memberListSpec);
  const limit = me?.preferences.pageSize ?? 25;
  const members = trpc.projects.members.list.useQuery({ project, cursor: list.cursor, limit });
  const [selected, setSelected] = useState<string[]>([]);
  const [role, setRole] = useState<'member' | 'owner'>('member');
  const [leaving, setLeaving] = useState(false);
  const refresh = async () => {
    await Promise.all([
      utils.projects.members.list.invalidate({ project }),
      utils.projects.get.invalidate({ name: project }),
    ]);
  };
  const add = trpc.projects.members.add.useMutation({
    onSuccess: async () => {
      setSelected([]);
      await refresh();
    },
  });
  const setMemberRole = trpc.projects.members.setRole.useMutation({ onSuccess: refresh });
  const remove = trpc.projects.members.remove.useMutation({ onSuccess: refresh });
  const confirm = useConfirm();
  const leave = trpc.projects.members.leave.useMutation({
    onSuccess: async () => {
      await utils.projects.mine.invalidate();
      await navigate('/');
    },
  });
  const timeZone = me?.preferences.timezone ?? 'UTC';

  const columns: Column<MemberRow>[] = [
    {
      key: 'username',
      header: 'User',
      render: (row) => <span className="font-medium">{row.username}</span>,
    },
    {
      key: 'role',
      header: 'Role',
      render: (row) => (
        <RoleCell
          role={row.role}
          label={`Role of ${row.username}`}
          editable={canManage}
          disabled={setMemberRole.isPending}
          onChange={(role) => setMemberRole.mutate({ project, username: row.username, role })}
        />
      ),
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
        canManage && row.username !== me?.username ? (
          <Button
            variant="danger"
            aria-label={`Remove ${row.username}`}
            disabled={remove.isPending}
            onClick={() =>
              confirm.ask({
                title: `Remove ${row.username} from ${project}?`,
                description: `${row.username} loses their direct role in ${project} and their notebooks in it are stopped. A role given by a linked group stays.`,
                confirmLabel: `Remove ${row.username}`,
                action: () => remove.mutateAsync({ project, username: row.username }),
              })
            }
          >
            Remove
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="space-y-4">
      {canManage ? (
        <section
          aria-labelledby="add-members"
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id="add-members" className="mb-2 font-medium">
            Add members
          </h2>
          <UserPicker
            project={project}
            selected={selected}
            onChange={setSelected}
            exclude={members.data?.items.map((row) => row.username)}
          />
          <div className="mt-3 flex items-center gap-2">
            <select
              aria-label="Role for new members"
              className={roleSelectClass}
              value={role}
              onChange={(event) => setRole(event.target.value as 'owner' | 'member')}
            >
              <option value="member">as Member</option>
              <option value="owner">as Owner</option>
            </select>
            <Button
              variant="primary"
              disabled={selected.length === 0 || add.isPending}
              onClick={() => add.mutate({ project, usernames: selected, role })}
            >
              Add {selected.length > 0 ? selected.length : ''}{' '}
              {selected.length === 1 ? 'user' : 'users'}
            </Button>
          </div>
          <div className="mt-2">
            <ErrorNote message={errorMessage(add.error)} />
          </div>
        </section>
      ) : null}
      <ErrorNote message={errorMessage(members.error ?? setMemberRole.error ?? remove.error)} />
      <ResourceTable
        caption="Members"
        columns={columns}
        rows={members.data?.items ?? []}
        rowKey={(row) => row.username}
        loading={members.isLoading}
        list={list}
        nextCursor={members.data?.cursor}
        pageSize={limit}
        empty={{
          message: canManage
            ? 'No direct members; everyone here comes through a linked group. Add people above.'
            : 'No direct members; everyone here comes through a linked group.',
        }}
      />
      {detail.permissions.leave ? (
        <div>
          <Button variant="danger" onClick={() => setLeaving(true)}>
            Leave project
          </Button>
          <ConfirmDialog
            open={leaving}
            title={`Leave ${project}?`}
            confirmLabel={`Leave project ${project}`}
            pending={leave.isPending}
            error={errorMessage(leave.error)}
            onConfirm={() => leave.mutate({ project })}
            onCancel={() => setLeaving(false)}
          >
            You will lose access to the project and your running notebooks in it will be stopped.
          </ConfirmDialog>
        </div>
      ) : null}
      {confirm.dialog}
    </div>
  );
}
