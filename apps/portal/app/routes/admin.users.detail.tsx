import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import type { Route } from './+types/admin.users.detail';
import { crumb } from '../components/breadcrumbs';
import { useConfirm } from '../components/confirm-dialog';
import { DataTable, type Column } from '../components/data-table';
import { DetailPage, DetailSection, FactsGrid } from '../components/detail/detail-page';
import { computeKindWords, resourcePath } from '../components/ml/kinds';
import { MlStatusBadge } from '../components/ml/ml-status';
import { projectPath } from '../components/project-sections';
import { Badge, Button, ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc, type Outputs } from '../utils/trpc';

type Detail = Outputs['users']['get'];
type ProjectRow = Detail['projects'][number];
type GroupRow = Detail['groups'][number];
type ResourceRow = Detail['resources'][number];

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.users.get.prefetch({ username: params.username })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.username} · Users · MLSpace` },
];

export const handle = crumb(({ params }) => [
  { label: 'Users', to: '/admin/users' },
  { label: params.username ?? '' },
]);

const linkClass = 'font-medium text-brand-700 hover:underline dark:text-brand-100';

/** One user, for administrators: their account, projects, groups and what they created; delete. */
export default function AdminUserDetail() {
  const { username = '' } = useParams();
  const { user: me } = useRootData();
  const timeZone = me?.preferences.timezone ?? 'UTC';
  const navigate = useNavigate();
  const detail = trpc.users.get.useQuery({ username });
  const utils = trpc.useUtils();
  const remove = trpc.users.delete.useMutation({
    onSuccess: async (outcome) => {
      await utils.users.list.invalidate();
      if (outcome.complete) await navigate('/admin/users');
      else await detail.refetch();
    },
  });
  const confirm = useConfirm();
  const data = detail.data;
  const user = data?.user;
  const deletion = user?.deletion ?? null;

  const projectColumns: Column<ProjectRow>[] = [
    {
      key: 'name',
      header: 'Project',
      sortValue: (row) => row.name,
      render: (row) => (
        <Link className={linkClass} to={projectPath(row.name)}>
          {row.name}
        </Link>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      sortValue: (row) => row.role,
      render: (row) => (row.role === 'owner' ? 'Owner' : 'Member'),
    },
    {
      key: 'via',
      header: 'Through',
      render: (row) =>
        [
          ...(row.directRole ? ['direct membership'] : []),
          ...row.viaGroups.map((link) => `group ${link.group}`),
        ].join(', '),
    },
    {
      key: 'status',
      header: 'Status',
      render: (row) =>
        row.suspended ? <Badge tone="amber">Suspended</Badge> : <Badge tone="green">Active</Badge>,
    },
  ];
  const groupColumns: Column<GroupRow>[] = [
    {
      key: 'name',
      header: 'Group',
      sortValue: (row) => row.name,
      render: (row) => (
        <Link className={linkClass} to={`/groups/${encodeURIComponent(row.name)}`}>
          {row.name}
        </Link>
      ),
    },
    { key: 'description', header: 'Description', render: (row) => row.description },
    { key: 'members', header: 'Members', render: (row) => row.memberCount },
  ];
  const resourceColumns: Column<ResourceRow>[] = [
    {
      key: 'name',
      header: 'Resource',
      sortValue: (row) => row.name,
      render: (row) => (
        <Link className={linkClass} to={resourcePath(row.project, row.kind, row.name)}>
          {row.name}
        </Link>
      ),
    },
    {
      key: 'kind',
      header: 'Kind',
      sortValue: (row) => row.kind,
      render: (row) => computeKindWords[row.kind].singular,
    },
    {
      key: 'project',
      header: 'Project',
      sortValue: (row) => row.project,
      render: (row) => row.project,
    },
    { key: 'status', header: 'Status', render: (row) => <MlStatusBadge status={row.status} /> },
    {
      key: 'instances',
      header: 'Instances',
      render: (row) => (row.instanceType ? `${row.instanceCount ?? 1} × ${row.instanceType}` : '—'),
    },
    {
      key: 'created',
      header: 'Created',
      sortValue: (row) => row.createdAt,
      className: 'whitespace-nowrap',
      render: (row) => formatDateTime(row.createdAt, timeZone),
    },
  ];

  const askDelete = () =>
    confirm.ask({
      title: `Delete user ${username}?`,
      description: (
        <>
          <p>
            {username} is signed out everywhere and cannot sign in from now on. Their notebooks are
            stopped, their private datasets and files are deleted, and they leave{' '}
            {data?.projects.length ?? 0} projects and {data?.groups.length ?? 0} groups.
          </p>
          <p className="mt-2">
            What they created in projects (notebooks, jobs, models, endpoints) stays with the
            project, for its owners to keep or delete. This cannot be undone.
          </p>
        </>
      ),
      confirmLabel: `Delete user ${username}`,
      action: () => remove.mutateAsync({ username }),
    });

  return (
    <DetailPage
      title={user?.displayName || username}
      kind="User"
      status={
        user ? (
          <span className="flex gap-1">
            {deletion ? (
              <Badge tone="red">Being deleted</Badge>
            ) : user.suspended ? (
              <Badge tone="amber">Suspended</Badge>
            ) : (
              <Badge tone="green">Active</Badge>
            )}
            {user.isAdmin ? <Badge tone="blue">Admin</Badge> : null}
          </span>
        ) : null
      }
      actions={
        user && username !== me?.username ? (
          <Button variant="danger" onClick={askDelete} disabled={remove.isPending}>
            {deletion ? 'Retry deletion' : 'Delete user'}
          </Button>
        ) : null
      }
    >
      <ErrorNote message={errorMessage(detail.error ?? remove.error)} />
      {deletion ? (
        <div
          role="status"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
          <p>
            Deletion requested by {deletion.requestedBy} on{' '}
            {formatDateTime(deletion.requestedAt, timeZone)}; {deletion.attempts} attempts so far.
            The account cannot sign in. The scheduled sweep tries again every few minutes.
          </p>
          {deletion.failures.length > 0 ? (
            <ul className="mt-2 list-disc pl-5">
              {deletion.failures.map((failure) => (
                <li key={`${failure.step} ${failure.resource}`}>
                  {failure.step}: {failure.resource}: {failure.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {user ? (
        <FactsGrid
          facts={[
            { label: 'Username', value: user.username },
            { label: 'Email', value: user.email },
            { label: 'Registered', value: formatDateTime(user.createdAt, timeZone) },
            { label: 'Last sign-in', value: formatDateTime(user.lastLoginAt, timeZone) },
          ]}
        />
      ) : null}
      <DetailSection
        title="Projects"
        description="Every project they reach, directly or through a group."
      >
        <Scrolls>
          <DataTable
            caption={`Projects of ${username}`}
            columns={projectColumns}
            rows={data?.projects ?? []}
            rowKey={(row) => row.name}
            loading={detail.isLoading}
            emptyText="No projects."
          />
        </Scrolls>
      </DetailSection>
      <DetailSection title="Groups">
        <Scrolls>
          <DataTable
            caption={`Groups of ${username}`}
            columns={groupColumns}
            rows={data?.groups ?? []}
            rowKey={(row) => row.name}
            loading={detail.isLoading}
            emptyText="No groups."
          />
        </Scrolls>
      </DetailSection>
      <DetailSection
        title="Resources they created"
        description={
          data?.moreResources
            ? 'The newest of each kind; the project pages list the rest.'
            : 'These stay with their projects if the user is deleted.'
        }
      >
        <Scrolls>
          <DataTable
            caption={`Resources created by ${username}`}
            columns={resourceColumns}
            rows={data?.resources ?? []}
            rowKey={(row) => `${row.kind} ${row.name}`}
            loading={detail.isLoading}
            emptyText="Nothing yet."
          />
        </Scrolls>
      </DetailSection>
      {confirm.dialog}
    </DetailPage>
  );
}

/** On a narrow screen a table scrolls sideways instead of losing columns. */
function Scrolls({ children }: { children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <div className="min-w-max">{children}</div>
    </div>
  );
}
