import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';

import type { Route } from './+types/projects.project';
import { ConfirmDialog, useConfirm } from '../components/confirm-dialog';
import { CostControlsSection } from '../components/cost-controls/cost-controls-section';
import { DataTable, Pager, useCursorPager, type Column } from '../components/data-table';
import { NotAllowed, isForbidden } from '../components/not-allowed';
import { projectSectionHref, projectSections } from '../components/project-sections';
import { Badge, Button, ErrorNote, PageHeader } from '../components/ui';
import { UserPicker } from '../components/user-picker';
import { useRootData } from '../root';
import { useActiveServices } from '../utils/active-services';
import { errorMessage, formatDateTime } from '../utils/format';
import { descriptionProblem } from '../utils/project-rules';
import { trpc, type Outputs } from '../utils/trpc';

type Detail = Outputs['projects']['get'];
type MemberRow = Outputs['projects']['members']['list']['items'][number];
type GroupRow = Outputs['projects']['groups']['list'][number];

export const meta: Route.MetaFunction = ({ params }) => [{ title: `${params.project} · MLSpace` }];

const selectClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950';

export default function ProjectPage() {
  const name = useParams().project ?? '';
  const [searchParams] = useSearchParams();
  const tab = searchParams.get('tab') ?? 'overview';
  const detail = trpc.projects.get.useQuery(
    { name },
    { retry: (count, error) => !isForbidden(error) && count < 1, refetchInterval: 30_000 },
  );
  const costControlsTimeZone = useRootData().user?.preferences.timezone ?? 'UTC';
  const services = useActiveServices();

  if (detail.error && isForbidden(detail.error)) {
    return <NotAllowed title="You cannot open this project" message={detail.error.message} />;
  }
  if (!detail.data) {
    return detail.error ? (
      <ErrorNote message={errorMessage(detail.error)} />
    ) : (
      <p className="text-sm text-slate-500">Loading project…</p>
    );
  }
  const { project, role, permissions } = detail.data;
  const sections = projectSections.filter(
    (section) =>
      (!section.ownersOnly || permissions.manage) &&
      (!section.service || services[section.service]),
  );

  return (
    <div>
      <PageHeader
        title={project.name}
        description={project.description || 'No description.'}
        actions={
          <div className="flex items-center gap-2">
            {project.suspended ? (
              <Badge tone="amber">Suspended</Badge>
            ) : (
              <Badge tone="green">Active</Badge>
            )}
            <Badge tone={role === 'owner' ? 'blue' : 'slate'}>
              {role === 'owner' ? 'Owner' : role === 'member' ? 'Member' : 'Admin (not a member)'}
            </Badge>
          </div>
        }
      />
      {project.suspended ? (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          This project is suspended: nothing can be created or started in it until an owner
          reinstates it.
        </p>
      ) : null}
      <nav
        aria-label="Project sections"
        className="mb-6 flex gap-1 border-b border-slate-200 dark:border-slate-800"
      >
        {sections.map((section) => {
          const active = !section.path && section.key === tab;
          return (
            <Link
              key={section.key}
              to={projectSectionHref(project.name, section)}
              aria-current={active ? 'page' : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                active
                  ? 'border-brand-600 text-brand-700 dark:text-white'
                  : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300'
              }`}
            >
              {section.label}
            </Link>
          );
        })}
      </nav>
      {tab === 'members' ? <MembersTab detail={detail.data} /> : null}
      {tab === 'groups' ? <GroupsTab detail={detail.data} /> : null}
      {tab === 'settings' && permissions.manage ? <SettingsTab detail={detail.data} /> : null}
      {tab === 'settings' && permissions.manage ? (
        <div className="mt-6">
          <CostControlsSection project={detail.data.project.name} timeZone={costControlsTimeZone} />
        </div>
      ) : null}
      {tab === 'overview' || !sections.some((section) => section.key === tab) ? (
        <Overview detail={detail.data} />
      ) : null}
    </div>
  );
}

function Overview({ detail }: { detail: Detail }) {
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const { project } = detail;
  const facts: [string, string][] = [
    ['Created by', project.createdBy],
    ['Created', formatDateTime(project.createdAt, timeZone)],
    ['Last changed', formatDateTime(project.updatedAt, timeZone)],
    ['Direct owners', String(project.ownerCount)],
  ];
  return (
    <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="mt-1 text-sm">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function MembersTab({ detail }: { detail: Detail }) {
  const { user: me } = useRootData();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const project = detail.project.name;
  const canManage = detail.permissions.manage;
  const pager = useCursorPager();
  const members = trpc.projects.members.list.useQuery({
    project,
    cursor: pager.cursor,
    limit: me?.preferences.pageSize ?? 25,
  });
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
      sortValue: (row) => row.username,
      render: (row) => <span className="font-medium">{row.username}</span>,
    },
    {
      key: 'role',
      header: 'Role',
      sortValue: (row) => row.role,
      render: (row) =>
        canManage ? (
          <select
            aria-label={`Role of ${row.username}`}
            className={selectClass}
            value={row.role}
            disabled={setMemberRole.isPending}
            onChange={(event) =>
              setMemberRole.mutate({
                project,
                username: row.username,
                role: event.target.value as 'owner' | 'member',
              })
            }
          >
            <option value="member">Member</option>
            <option value="owner">Owner</option>
          </select>
        ) : (
          <Badge tone={row.role === 'owner' ? 'blue' : 'slate'}>
            {row.role === 'owner' ? 'Owner' : 'Member'}
          </Badge>
        ),
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
              className={selectClass}
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
      <DataTable
        caption="Members"
        columns={columns}
        rows={members.data?.items ?? []}
        rowKey={(row) => row.username}
        loading={members.isLoading}
        emptyText="No direct members."
        pager={
          <Pager
            page={pager.page}
            hasNext={Boolean(members.data?.cursor)}
            onNext={() => pager.next(members.data?.cursor ?? null)}
            onPrevious={pager.previous}
          />
        }
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

function GroupsTab({ detail }: { detail: Detail }) {
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
      sortValue: (row) => row.group,
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
      sortValue: (row) => row.role,
      render: (row) =>
        canManage ? (
          <select
            aria-label={`Role of group ${row.group}`}
            className={selectClass}
            value={row.role}
            onChange={(event) =>
              setGroupRole.mutate({
                project,
                group: row.group,
                role: event.target.value as 'owner' | 'member',
              })
            }
          >
            <option value="member">Member</option>
            <option value="owner">Owner</option>
          </select>
        ) : (
          <Badge tone={row.role === 'owner' ? 'blue' : 'slate'}>
            {row.role === 'owner' ? 'Owner' : 'Member'}
          </Badge>
        ),
    },
    {
      key: 'addedBy',
      header: 'Linked by',
      sortValue: (row) => row.addedBy,
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
            className={selectClass}
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
      <DataTable
        caption="Linked groups"
        columns={columns}
        rows={groups.data ?? []}
        rowKey={(row) => row.group}
        loading={groups.isLoading}
        emptyText="No groups are linked to this project."
      />
      {confirm.dialog}
    </div>
  );
}

function SettingsTab({ detail }: { detail: Detail }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const { project, permissions } = detail;
  const [description, setDescription] = useState(project.description);
  const [confirming, setConfirming] = useState<'suspend' | 'reinstate' | 'delete' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = async () => {
    setConfirming(null);
    await Promise.all([
      utils.projects.get.invalidate({ name: project.name }),
      utils.projects.mine.invalidate(),
    ]);
  };
  const update = trpc.projects.update.useMutation({
    onSuccess: async () => {
      setNotice('Description saved.');
      await refresh();
    },
  });
  const suspend = trpc.projects.suspend.useMutation({
    onSuccess: async () => {
      setNotice(`Project ${project.name} suspended.`);
      await refresh();
    },
  });
  const reinstate = trpc.projects.reinstate.useMutation({
    onSuccess: async () => {
      setNotice(`Project ${project.name} reinstated.`);
      await refresh();
    },
  });
  const remove = trpc.projects.delete.useMutation({
    onSuccess: async (result) => {
      await utils.projects.mine.invalidate();
      await navigate(
        `/?deleted=${encodeURIComponent(project.name)}${result.complete ? '' : '&pending=1'}`,
      );
    },
  });
  const problem = descriptionProblem(description);
  const pending = { suspend, reinstate, delete: remove }[confirming ?? 'suspend'];

  return (
    <div className="space-y-6">
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          {notice}
        </p>
      ) : null}
      <form
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        onSubmit={(event) => {
          event.preventDefault();
          if (!problem) update.mutate({ name: project.name, description });
        }}
      >
        <label htmlFor="settings-description" className="text-sm font-medium">
          Description
        </label>
        <textarea
          id="settings-description"
          rows={4}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <p className={`text-xs ${problem ? 'text-red-700' : 'text-slate-500'}`}>
          {problem ? `Description ${problem}.` : `${description.length} / 4000 characters`}
        </p>
        <ErrorNote message={errorMessage(update.error)} />
        <Button
          type="submit"
          variant="primary"
          disabled={Boolean(problem) || update.isPending || description === project.description}
        >
          Save description
        </Button>
      </form>
      <section
        aria-labelledby="lifecycle"
        className="space-y-3 rounded-lg border border-red-200 bg-white p-4 shadow-sm dark:border-red-900 dark:bg-slate-900"
      >
        <h2 id="lifecycle" className="font-medium">
          Suspend, reinstate or delete
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Suspending stops the project&apos;s notebooks and jobs and deletes its endpoints. A
          project can only be deleted once it is suspended.
        </p>
        <div className="flex gap-2">
          {project.suspended ? (
            <Button onClick={() => setConfirming('reinstate')} disabled={!permissions.suspend}>
              Reinstate project
            </Button>
          ) : (
            <Button
              variant="danger"
              onClick={() => setConfirming('suspend')}
              disabled={!permissions.suspend}
            >
              Suspend project
            </Button>
          )}
          {project.suspended ? (
            <Button
              variant="danger"
              onClick={() => setConfirming('delete')}
              disabled={!permissions.delete}
            >
              Delete project
            </Button>
          ) : null}
        </div>
      </section>
      <ConfirmDialog
        open={confirming !== null}
        title={`${confirming === 'delete' ? 'Delete' : confirming === 'reinstate' ? 'Reinstate' : 'Suspend'} ${project.name}?`}
        confirmLabel={`${
          confirming === 'delete' ? 'Delete' : confirming === 'reinstate' ? 'Reinstate' : 'Suspend'
        } project ${project.name}`}
        tone={confirming === 'reinstate' ? 'primary' : 'danger'}
        pending={pending.isPending}
        error={errorMessage(pending.error)}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming === 'delete') remove.mutate({ name: project.name });
          else if (confirming === 'reinstate') reinstate.mutate({ name: project.name });
          else suspend.mutate({ name: project.name });
        }}
      >
        {confirming === 'delete'
          ? 'The project and everything in it are deleted: notebooks, jobs, models, endpoint configurations, endpoints, its datasets and their files, its members and group links. This cannot be undone.'
          : confirming === 'reinstate'
            ? 'Members can create and start resources in the project again. Stopped resources stay stopped.'
            : 'Nothing can be created or started in the project until it is reinstated; running resources are stopped.'}
      </ConfirmDialog>
    </div>
  );
}
