import { useState } from 'react';
import { Link } from 'react-router';

import type { Route } from './+types/groups';
import { crumb } from '../../components/breadcrumbs';
import { useConfirm } from '../../components/confirm-dialog';
import { ResourceTable, type Column } from '../../components/list/resource-table';
import { RoleCell, roleSelectClass } from '../../components/project/role-cell';
import { useProject, type ProjectDetail } from '../../components/project/use-project';
import { Button, ErrorNote } from '../../components/ui';
import { errorMessage } from '../../utils/format';
import { prefetchQueries } from '../../utils/prefetch.server';
import { trpc, type Outputs } from '../../utils/trpc';

type GroupRow = Outputs['projects']['groups']['list'][number];

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.projects.groups.list.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Groups · ${params.project} · MLSpace` },
];

export const handle = crumb(() => ({ label: 'Groups' }));

export default function ProjectGroups() {
  return <GroupsTab detail={useProject()} />;
}

function GroupsTab({ detail }: { detail: ProjectDetail }) {
  const utils = trpc.useUtils();
  const project = detail.project.name;
  const canManage = detail.permissions.manage;
  const groups = trpc.projects.groups.list.useQuery({ project });
  const [group, setGroup] = useState('');
  const [role, setRole] = useState<'member' | 'owner'>('member');
  const refresh = () => utils.projects.groups.list.invalidate({ project });
  const link = trpc.projects.groups.link.useMutation({
    onSuccess: async () => {
      setGroup('');
      await refresh();
    },
  });
  const setGroupRole = trpc.projects.groups.setRole.useMutation({ onSuccess: refresh });
  const unlink = trpc.projects.groups.unlink.useMutation({ onSuccess: refresh });
  const confirm = useConfirm();

  const columns: Column<GroupRow>[] = [
    {
      key: 'group',
      header: 'Group',
      render: (row) => (
        <Link
          className="font-medium text-brand-700 underline dark:text-brand-100"
          to={`/groups/${row.group}`}
        >
          {row.group}
        </Link>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      render: (row) => (
        <RoleCell
          role={row.role}
          label={`Role of group ${row.group}`}
          editable={canManage}
          onChange={(role) => setGroupRole.mutate({ project, group: row.group, role })}
        />
      ),
    },
    {
      key: 'addedBy',
      header: 'Linked by',
      render: (row) => row.addedBy,
    },
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) =>
        canManage ? (
          <Button
            variant="danger"
            aria-label={`Unlink ${row.group}`}
            onClick={() =>
              confirm.ask({
                title: `Unlink ${row.group} from ${project}?`,
                description: `Members of ${row.group} who reach ${project} only through it lose their role in the project.`,
                confirmLabel: `Unlink ${row.group}`,
                action: () => unlink.mutateAsync({ project, group: row.group }),
              })
            }
          >
            Unlink
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="space-y-4">
      {canManage ? (
        <form
          className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          onSubmit={(event) => {
            event.preventDefault();
            if (group.trim()) link.mutate({ project, group: group.trim(), role });
          }}
        >
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Group name</span>
            <input
              value={group}
              onChange={(event) => setGroup(event.target.value)}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
            />
          </label>
          <select
            aria-label="Role for the group"
            className={roleSelectClass}
            value={role}
            onChange={(event) => setRole(event.target.value as 'owner' | 'member')}
          >
            <option value="member">as Member</option>
            <option value="owner">as Owner</option>
          </select>
          <Button type="submit" variant="primary" disabled={!group.trim() || link.isPending}>
            Link group
          </Button>
          <div className="w-full">
            <ErrorNote message={errorMessage(link.error)} />
          </div>
        </form>
      ) : null}
      <ErrorNote message={errorMessage(groups.error ?? setGroupRole.error ?? unlink.error)} />
      <ResourceTable
        caption="Linked groups"
        columns={columns}
        rows={groups.data ?? []}
        rowKey={(row) => row.group}
        loading={groups.isLoading}
        empty={{
          message: canManage
            ? 'No groups are linked to this project. Link one above to give all its members a role here.'
            : 'No groups are linked to this project.',
        }}
      />
      {confirm.dialog}
    </div>
  );
}
