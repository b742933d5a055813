import { useParams } from 'react-router';

import type { Route } from './+types/tuning.detail';
import { useConfirm } from '../components/confirm-dialog';
import { DataTable, type Column } from '../components/data-table';
import { Facts } from '../components/ml/facts';
import { kindBySegment } from '../components/ml/kinds';
import { LogPanel } from '../components/log-panel';
import { MlStatusBadge, changingMlStatuses } from '../components/ml/ml-status';
import { Badge, Button, ErrorNote, PageHeader } from '../components/ui';
import { ServiceDeactivated } from '../components/service-deactivated';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { prefetchQueries } from '../utils/prefetch.server';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.tuning.get.prefetch({ name: params.name })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Tuning · MLSpace` },
];

const kind = kindBySegment('tuning');
type Child = Outputs['tuning']['get']['children'][number];

export const handle = mlSectionCrumbs((params) => params.name ?? '');

export default function TuningJobDetail() {
  const { name = '' } = useParams();
  const { user } = useRootData();
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
  const active = useServiceActive(kind.service);
  const confirm = useConfirm();
  const job = detail.data?.job;
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
          {row.name}
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
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
    },
    {
      key: 'objective',
      header: spec.objective?.metricName ?? 'Objective',
      sortValue: (row) => row.objectiveValue ?? Number.NaN,
      render: (row) => (row.objectiveValue === null ? '—' : row.objectiveValue.toPrecision(4)),
    },
  ];
  return (
    <div>
      <ServiceDeactivated service={kind.service} />
      <PageHeader
        title={name}
        description="Hyperparameter tuning job"
        actions={
          <div className="flex items-center gap-2">
            {job ? <MlStatusBadge status={job.status} /> : null}
            {active && detail.data?.permissions.manage && job?.status === 'InProgress' ? (
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
            ) : null}
          </div>
        }
      />
      <ErrorNote message={errorMessage(detail.error ?? stop.error)} />
      {job?.failureReason ? <ErrorNote message={job.failureReason} /> : null}
      {detail.data?.bestTrainingJob ? (
        <p
          data-testid="best-job"
          className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
        >
          Best training job: <strong>{detail.data.bestTrainingJob.name}</strong> (
          {spec.objective?.metricName} ={' '}
          {detail.data.bestTrainingJob.objectiveValue?.toPrecision(4)})
        </p>
      ) : null}
      {job ? (
        <Facts
          items={[
            ['Strategy', spec.strategy],
            [
              'Objective',
              spec.objective ? `${spec.objective.type} ${spec.objective.metricName}` : null,
            ],
            [
              'Jobs',
              `${detail.data!.counters.completed} completed, ${detail.data!.counters.inProgress} running, ${detail.data!.counters.failed} failed, ${detail.data!.counters.stopped} stopped of ${spec.maxJobs} (${spec.maxParallelJobs} at a time)`,
            ],
            ['Created by', job.owner],
            ['Created', formatDateTime(job.createdAt, user?.preferences.timezone ?? 'UTC')],
          ]}
        />
      ) : null}
      <h2 className="mt-8 mb-2 text-lg font-semibold">Training jobs</h2>
      <DataTable
        caption="Training jobs of this tuning job"
        columns={columns}
        rows={detail.data?.children ?? []}
        rowKey={(row) => row.name}
        loading={detail.isLoading}
        emptyText="No training jobs yet."
      />
      <LogPanel
        source="tuning"
        name={name}
        live={job ? changingMlStatuses.includes(job.status) : false}
      />
      {confirm.dialog}
    </div>
  );
}
