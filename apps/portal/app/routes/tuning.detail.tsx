import { useState } from 'react';
import { Link, useParams } from 'react-router';

import type { Route } from './+types/tuning.detail';
import { useConfirm } from '../components/confirm-dialog';
import { DataTable, type Column } from '../components/data-table';
import {
  DetailPage,
  DetailSection,
  FactsGrid,
  FailureNote,
} from '../components/detail/detail-page';
import { lifetimeFacts } from '../components/detail/lifetime';
import { inputClass } from '../components/form/fields';
import { NextSteps } from '../components/detail/next-steps';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { LogPanel } from '../components/log-panel';
import { MlStatusBadge, changingMlStatuses } from '../components/ml/ml-status';
import { Badge, Button, ErrorNote } from '../components/ui';
import { ServiceDeactivated } from '../components/service-deactivated';
import { useRootData } from '../root';
import { useActiveServices } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { prefetchQueries } from '../utils/prefetch.server';
import { projectPath } from '../components/project-sections';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.tuning.get.prefetch({ name: params.name })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Tuning · MLSpace` },
];

const kind = kindBySegment('tuning');
const trainingKind = kindBySegment('training');
type Child = Outputs['tuning']['get']['children'][number];

export const handle = mlSectionCrumbs((params) => params.name ?? '');

/** A tuning job: its search, its training jobs (each opens as a training job) and its best one. */
export default function TuningJobDetail() {
  const { project = '', name = '' } = useParams();
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const detail = trpc.tuning.get.useQuery(
    { name },
    {
      refetchInterval: (query) =>
        query.state.data && !changingMlStatuses.includes(query.state.data.job.status)
          ? false
          : 1500,
    },
  );
  const stop = trpc.tuning.stop.useMutation({ onSuccess: () => detail.refetch() });
  const services = useActiveServices();
  const confirm = useConfirm();
  const job = detail.data?.job;
  const running = job ? changingMlStatuses.includes(job.status) : false;
  const best = detail.data?.bestTrainingJob ?? null;
  const bestDone = detail.data?.children.find((child) => child.best)?.status === 'Completed';
  const spec = (job?.spec ?? {}) as {
    strategy?: string;
    objective?: { metricName: string; type: string };
    maxJobs?: number;
    maxParallelJobs?: number;
  };
  const columns: Column<Child>[] = [
    {
      key: 'name',
      header: 'Training job',
      sortValue: (row) => row.name,
      render: (row) => (
        <span className="flex items-center gap-2">
          <Link
            to={mlPath(project, trainingKind, row.name)}
            className="font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            {row.name}
          </Link>
          {row.best ? <Badge tone="green">Best</Badge> : null}
        </span>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      sortValue: (row) => row.status,
      render: (row) => <MlStatusBadge status={row.status} />,
    },
    {
      key: 'hp',
      header: 'Hyperparameters',
      render: (row) =>
        Object.entries(row.hyperParameters)
          .map(([key, value]) => `${key}=${value}`)
          .join(', '),
    },
    {
      key: 'objective',
      header: spec.objective?.metricName ?? 'Objective',
      sortValue: (row) => row.objectiveValue ?? Number.NaN,
      render: (row) => (row.objectiveValue === null ? '—' : row.objectiveValue.toPrecision(4)),
    },
  ];
  const counters = detail.data?.counters;
  return (
    <DetailPage
      title={name}
      kind="Hyperparameter tuning job"
      status={job ? <MlStatusBadge status={job.status} /> : null}
      actions={
        services.tuning && detail.data?.permissions.manage && job?.status === 'InProgress' ? (
          <Button
            variant="danger"
            onClick={() =>
              confirm.ask({
                title: `Stop tuning job ${name}?`,
                description:
                  'Its running training jobs are stopped and no new ones start. The best job so far is kept. A stopped tuning job cannot be resumed.',
                confirmLabel: `Stop tuning job ${name}`,
                action: () => stop.mutateAsync({ name }),
              })
            }
            disabled={stop.isPending}
          >
            Stop
          </Button>
        ) : null
      }
    >
      <ServiceDeactivated service={kind.service} />
      <ErrorNote message={errorMessage(detail.error ?? stop.error)} />
      <FailureNote reason={job?.failureReason} />
      {best ? (
        <p
          data-testid="best-job"
          className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Best training job:{' '}
          <Link
            to={mlPath(project, trainingKind, best.name)}
            className="font-semibold underline hover:no-underline"
          >
            {best.name}
          </Link>{' '}
          ({spec.objective?.metricName} = {best.objectiveValue?.toPrecision(4)})
        </p>
      ) : null}
      <NextSteps
        steps={
          services.models && best && bestDone && !running
            ? [
                {
                  label: 'Create model from the best job',
                  to: `${projectPath(project, 'models/new')}?trainingJob=${encodeURIComponent(best.name)}`,
                  description: `Package the artefact of ${best.name}, the best of this search, ready to deploy.`,
                },
              ]
            : []
        }
      />
      {job ? (
        <FactsGrid
          facts={[
            { label: 'Strategy', value: spec.strategy },
            {
              label: 'Objective',
              value: spec.objective ? `${spec.objective.type} ${spec.objective.metricName}` : null,
            },
            {
              label: 'Jobs',
              value: counters
                ? `${counters.completed} completed, ${counters.inProgress} running, ${counters.failed} failed, ${counters.stopped} stopped of ${spec.maxJobs} (${spec.maxParallelJobs} at a time)`
                : null,
            },
            { label: 'Instance type', value: job.instanceType },
            { label: 'Created by', value: job.owner },
            ...lifetimeFacts(job, running, timeZone),
          ]}
        />
      ) : null}
      <DetailSection title="Training jobs" description="Each opens as a training job.">
        {/* On a narrow screen the table scrolls sideways instead of cutting off its columns. */}
        <div className="overflow-x-auto">
          <div className="min-w-max">
            <DataTable
              caption="Training jobs of this tuning job"
              columns={columns}
              rows={detail.data?.children ?? []}
              rowKey={(row) => row.name}
              loading={detail.isLoading}
              emptyText="No training jobs yet."
            />
          </div>
        </div>
      </DetailSection>
      <TuningLogs
        name={name}
        live={running}
        tunerLog={detail.data?.tunerLog ?? false}
        trainingJobs={detail.data?.children ?? []}
      />
      {confirm.dialog}
    </DetailPage>
  );
}

/**
 * The log of the tuner (kept locally) or of one of its training jobs. SageMaker keeps no log for
 * the tuner itself, so there the first choice is the best training job, or the newest.
 */
function TuningLogs({
  name,
  live,
  tunerLog,
  trainingJobs,
}: {
  name: string;
  live: boolean;
  tunerLog: boolean;
  trainingJobs: Child[];
}) {
  const [chosen, setChosen] = useState<string | null>(null);
  const fallback = tunerLog
    ? ''
    : (trainingJobs.find((child) => child.best) ?? trainingJobs[0])?.name;
  const trainingJob = chosen ?? fallback;
  if (trainingJob === undefined) {
    return (
      <section aria-labelledby="logs-title" className="mt-8">
        <h2 id="logs-title" className="mb-2 text-lg font-semibold">
          Logs
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Each training job of this tuning job keeps its own log; they appear here once the first
          one starts.
        </p>
      </section>
    );
  }
  const childLive = (child: Child) => changingMlStatuses.includes(child.status);
  return (
    <LogPanel
      source="tuning"
      name={name}
      trainingJob={trainingJob || undefined}
      live={
        trainingJob
          ? trainingJobs.some((child) => child.name === trainingJob && childLive(child))
          : live
      }
      picker={
        <label className="text-sm">
          <span className="sr-only">Whose log</span>
          <select
            className={`${inputClass} w-auto`}
            value={trainingJob}
            onChange={(event) => setChosen(event.target.value)}
          >
            {tunerLog ? <option value="">the tuning job</option> : null}
            {trainingJobs.map((child) => (
              <option key={child.name} value={child.name}>
                {child.name}
                {child.best ? ' (best)' : ''}
              </option>
            ))}
          </select>
        </label>
      }
    />
  );
}
