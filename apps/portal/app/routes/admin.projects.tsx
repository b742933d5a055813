import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';

import type { Route } from './+types/admin.projects';
import {
  DataTable,
  Pager,
  useCursorPager,
  type Column,
  SearchFilter,
  SelectFilter,
} from '../components/data-table';
import { Badge, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type ProjectRow = Outputs['projects']['listAll']['items'][number];
type StatusFilter = 'all' | 'active' | 'suspended';

export const meta: Route.MetaFunction = () => [{ title: 'All projects · MLSpace' }];

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    return [utils.projects.listAll.prefetch({ cursor: null, limit, status: 'all' })];
  });

export const handle = crumb(() => ({ label: 'All projects' }));

export default function AdminProjects() {
  const { user: me } = useRootData();
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const deferredFilter = useDeferredValue(filter.trim());
  const pager = useCursorPager();
  const list = trpc.projects.listAll.useQuery({
    cursor: pager.cursor,
    limit: me?.preferences.pageSize ?? 25,
    filter: deferredFilter || undefined,
    status,
  });
  const timeZone = me?.preferences.timezone ?? 'UTC';

  const columns: Column<ProjectRow>[] = [
    {
      key: 'name',
      header: 'Project',
      sortValue: (row) => row.name.toLowerCase(),
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
      sortValue: (row) => (row.deletion ? 2 : row.suspended ? 1 : 0),
      render: (row) => <ProjectStatus project={row} timeZone={timeZone} />,
    },
    {
      key: 'owners',
      header: 'Direct owners',
      sortValue: (row) => row.ownerCount,
      render: (row) => row.ownerCount,
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
      key: 'updated',
      header: 'Last changed',
      sortValue: (row) => row.updatedAt,
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
        <ErrorNote message={errorMessage(list.error)} />
      </div>
      <DataTable
        caption="All projects"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={list.isLoading}
        emptyText="No projects match."
        toolbar={
          <>
            <SearchFilter
              label="Filter projects"
              placeholder="Filter by name or description"
              value={filter}
              onChange={(value) => {
                setFilter(value);
                pager.reset();
              }}
            />
            <SelectFilter
              label="Status"
              value={status}
              options={[
                { value: 'all', label: 'All projects' },
                { value: 'active', label: 'Active' },
                { value: 'suspended', label: 'Suspended' },
              ]}
              onChange={(value) => {
                setStatus(value);
                pager.reset();
              }}
            />
          </>
        }
        pager={
          <Pager
            page={pager.page}
            hasNext={Boolean(list.data?.cursor)}
            onNext={() => pager.next(list.data?.cursor ?? null)}
            onPrevious={pager.previous}
          />
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
