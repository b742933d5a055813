import { Link, redirect } from 'react-router';

import type { Route } from './+types/overview';
import { DetailSection, FactsGrid } from '../../components/detail/detail-page';
import { RunningList, hoursByInstanceType } from '../../components/detail/running-list';
import { computeKindWords, type ComputeKindName } from '../../components/ml/kinds';
import { useProject, type ProjectDetail } from '../../components/project/use-project';
import { runningQueryInput } from '../../components/project/running';
import { projectPath, projectSections } from '../../components/project-sections';
import { ErrorNote } from '../../components/ui';
import { useRootData } from '../../root';
import { errorMessage, formatDateTime } from '../../utils/format';
import { prefetchQueries } from '../../utils/prefetch.server';
import { trpc } from '../../utils/trpc';

/** Links from before sections had routes (`?tab=members`) still open their section. */
export function loader({ context, params, url }: Route.LoaderArgs) {
  const tab = url.searchParams.get('tab');
  const section = projectSections.find((candidate) => candidate.key === tab);
  if (section?.path) throw redirect(projectPath(params.project, section.path));
  return prefetchQueries(context, (utils) => [
    utils.resources.running.prefetch(runningQueryInput(params.project)),
    utils.resources.counts.prefetch({ project: params.project }),
  ]);
}

const countedKinds: ComputeKindName[] = [
  'notebook',
  'trainingJob',
  'hpoJob',
  'transformJob',
  'model',
  'endpointConfig',
  'endpoint',
];

export default function ProjectOverview() {
  return <Overview detail={useProject()} />;
}

/** What runs in the project now, what it holds, and the project's own facts. */
function Overview({ detail }: { detail: ProjectDetail }) {
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const { project } = detail;
  const running = trpc.resources.running.useQuery(runningQueryInput(project.name), {
    refetchInterval: 15_000,
  });
  const counts = trpc.resources.counts.useQuery({ project: project.name });
  const items = running.data?.items ?? [];
  const runningByKind = new Map<string, number>();
  for (const item of items) runningByKind.set(item.kind, (runningByKind.get(item.kind) ?? 0) + 1);
  // The page's data time, not a ticking clock: the hours are a summary, the list counts live.
  const hours = hoursByInstanceType(items, running.dataUpdatedAt || Date.parse(project.updatedAt));
  return (
    <div className="space-y-8">
      <DetailSection
        title="Running now"
        description="Notebooks, jobs and endpoints holding instances, so costing money, right now."
      >
        <ErrorNote message={errorMessage(running.error)} />
        {running.data && items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            Nothing is running in this project, so it costs nothing to keep.{' '}
            <Link
              className="text-brand-700 underline hover:no-underline dark:text-brand-100"
              to={projectPath(project.name, 'notebooks/new')}
            >
              Create a notebook
            </Link>{' '}
            or{' '}
            <Link
              className="text-brand-700 underline hover:no-underline dark:text-brand-100"
              to={projectPath(project.name, 'training/new')}
            >
              start a training job
            </Link>
            .
          </p>
        ) : null}
        {items.length > 0 ? (
          <div className="space-y-3">
            <RunningList
              items={items}
              timeZone={timeZone}
              showProject={false}
              label="Running now"
            />
            <div
              data-testid="running-cost"
              className="rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <p className="font-medium">What it takes to keep running</p>
              <ul className="mt-1 space-y-0.5">
                {hours.map((entry) => (
                  <li key={entry.instanceType}>
                    {entry.count} × <span className="font-mono text-xs">{entry.instanceType}</span>,{' '}
                    {entry.hours < 0.1 ? 'under 0.1' : entry.hours.toFixed(1)} instance-hours so far
                  </li>
                ))}
              </ul>
              <p className="mt-2 text-slate-600 dark:text-slate-400">
                MLSpace has no price table yet, so it shows instance types and hours rather than an
                estimated cost; cost estimates come with cost governance.
              </p>
            </div>
          </div>
        ) : null}
      </DetailSection>

      <DetailSection title="In this project">
        <ErrorNote message={errorMessage(counts.error)} />
        <ul
          aria-label="Resources per kind"
          className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7"
        >
          {countedKinds.map((kind) => {
            const words = computeKindWords[kind];
            const runningCount = runningByKind.get(kind) ?? 0;
            return (
              <li key={kind}>
                <Link
                  to={projectPath(project.name, words.segment)}
                  className="block h-full rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900"
                >
                  <span className="block text-2xl font-semibold" data-testid={`count-${kind}`}>
                    {counts.data ? counts.data[kind] : '…'}
                  </span>
                  <span className="block text-xs text-slate-600 first-letter:uppercase dark:text-slate-400">
                    {words.plural}
                  </span>
                  {runningCount > 0 ? (
                    <span className="mt-1 block text-xs font-medium text-emerald-700 dark:text-emerald-300">
                      {runningCount} running
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </DetailSection>

      <DetailSection title="About">
        <FactsGrid
          facts={[
            { label: 'Created by', value: project.createdBy },
            { label: 'Created', value: formatDateTime(project.createdAt, timeZone) },
            { label: 'Last changed', value: formatDateTime(project.updatedAt, timeZone) },
            { label: 'Direct owners', value: String(project.ownerCount) },
          ]}
        />
      </DetailSection>
    </div>
  );
}
