import { Link } from 'react-router';

import type { Route } from './+types/admin.projects';
import { ChoiceFilter, TextFilter } from '../components/list/filters';
import {
  cursorOf,
  parseListState,
  type ListSpec,
  type ListState,
} from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { Badge, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type ProjectRow = Outputs['projects']['listAll']['items'][number];
type StatusFilter = 'all' | 'active' | 'suspended';

/** Projects come by name (the key's order); the filters narrow that Query. */
const projectListSpec: ListSpec<'q' | 'status'> = {
  filters: {
    q: { kind: 'text', maxLength: 128 },
    status: { kind: 'choice', values: ['all', 'active', 'suspended'] },
  },
  sortable: {},
  defaultSort: null,
};

function projectListInput(state: ListState<'q' | 'status'>, limit: number) {
  return {
    cursor: cursorOf(state),
    limit,
    filter: state.filters.q || undefined,
    status: state.filters.status as StatusFilter,
  };
}

export const meta: Route.MetaFunction = () => [{ title: 'All projects · MLSpace' }];

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    const state = parseListState(projectListSpec, url.searchParams);
    return [utils.projects.listAll.prefetch(projectListInput(state, limit))];
  });

export const handle = crumb(() => ({ label: 'All projects' }));

export default function AdminProjects() {
  const { user: me } = useRootData();
  const list = useList(projectListSpec);
  const limit = me?.preferences.pageSize ?? 25;
  const page = trpc.projects.listAll.useQuery(projectListInput(list.state, limit));
  const timeZone = me?.preferences.timezone ?? 'UTC';

  const columns: Column<ProjectRow>[] = [
    {
      key: 'name',
      header: 'Project',
      render: (row) => (
        <div>
          <Link
            to={`/projects/${encodeURIComponent(row.name)}`}
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
      key: 'status',
      header: 'Status',
      render: (row) => <ProjectStatus project={row} timeZone={timeZone} />,
    },
    {
      key: 'owners',
      header: 'Direct owners',
      render: (row) => row.ownerCount,
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
      key: 'updated',
      header: 'Last changed',
      render: (row) => formatDateTime(row.updatedAt, timeZone),
    },
  ];

  return (
    <div>
      <PageHeader
        title="All projects"
        description="Every project, suspended ones and those being deleted included."
      />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable
        caption="All projects"
        columns={columns}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        empty={{
          message: 'There are no projects yet.',
          action: (
            <Link
              to="/projects/new"
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Create a project
            </Link>
          ),
        }}
        toolbar={
          <>
            <TextFilter
              list={list}
              name="q"
              label="Name or description"
              placeholder="Part of a name or description"
            />
            <ChoiceFilter
              list={list}
              name="status"
              label="Status"
              options={[
                { value: 'all', label: 'All projects' },
                { value: 'active', label: 'Active' },
                { value: 'suspended', label: 'Suspended' },
              ]}
            />
          </>
        }
      />
    </div>
  );
}

/** Active, suspended, or being deleted with what the deletion last failed on or still waits for. */
function ProjectStatus({ project, timeZone }: { project: ProjectRow; timeZone: string }) {
  const { deletion } = project;
  if (!deletion)
    return project.suspended ? (
      <Badge tone="amber">Suspended</Badge>
    ) : (
      <Badge tone="green">Active</Badge>
    );
  const steps = [
    ...deletion.failures.map((step) => ({ ...step, failed: true })),
    ...deletion.waiting.map((step) => ({ ...step, failed: false })),
  ];
  return (
    <div className="space-y-1">
      <Badge tone="red">Deleting</Badge>
      {steps.length > 0 && (
        <ul className="space-y-0.5 text-xs">
          {steps.map((step) => (
            <li
              key={`${step.step}:${step.resource}`}
              className={step.failed ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}
            >
              {step.failed ? 'Failed' : 'Waiting'}: {step.step} {step.resource}, {step.reason}
            </li>
          ))}
        </ul>
      )}
      <div className="text-xs text-slate-500 dark:text-slate-400">
        Attempt {deletion.attempts}, last {formatDateTime(deletion.lastAttemptAt, timeZone)}; the
        sweep retries every few minutes.
      </div>
    </div>
  );
}
