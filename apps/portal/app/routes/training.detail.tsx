import { Link, useParams } from 'react-router';

import type { Route } from './+types/training.detail';
import { useConfirm } from '../components/confirm-dialog';
import { Facts } from '../components/ml/facts';
import { kindBySegment } from '../components/ml/kinds';
import { LogPanel } from '../components/log-panel';
import { MetricChart } from '../components/ml/metric-chart';
import { MlStatusBadge, changingMlStatuses } from '../components/ml/ml-status';
import { ServiceDeactivated } from '../components/service-deactivated';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { useActiveServices } from '../utils/active-services';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { prefetchQueries } from '../utils/prefetch.server';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.training.get.prefetch({ name: params.name })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Training · MLSpace` },
];

const kind = kindBySegment('training');

export const handle = mlSectionCrumbs((params) => params.name ?? '');

export default function TrainingJobDetail() {
  const { project = '', name = '' } = useParams();
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const detail = trpc.training.get.useQuery(
    { name },
    {
      refetchInterval: (query) =>
        query.state.data && !changingMlStatuses.includes(query.state.data.job.status)
          ? false
          : 1500,
    },
  );
  const stop = trpc.training.stop.useMutation({ onSuccess: () => detail.refetch() });
  const services = useActiveServices();
  const confirm = useConfirm();
  const job = detail.data?.job;
  const spec = (job?.spec ?? {}) as {
    algorithm?: { kind: string; name?: string; entryPointS3Uri?: string };
    hyperParameters?: Record<string, string>;
    inputs?: { name: string; s3Uri: string }[];
    outputS3Uri?: string;
    maxRuntimeSeconds?: number;
  };
  const running = job ? changingMlStatuses.includes(job.status) : false;
  return (
    <div>
      <ServiceDeactivated service={kind.service} />
      <PageHeader
        title={name}
        description="Training job"
        actions={
          <div className="flex items-center gap-2">
            {job ? <MlStatusBadge status={job.status} /> : null}
            {services.training &&
            detail.data?.permissions.manage &&
            job?.status === 'InProgress' ? (
              <Button
                variant="danger"
                onClick={() =>
                  confirm.ask({
                    title: `Stop training job ${name}?`,
                    description:
                      'The job ends now and produces no model artefact. A stopped job cannot be resumed.',
                    confirmLabel: `Stop training job ${name}`,
                    action: () => stop.mutateAsync({ name }),
                  })
                }
                disabled={stop.isPending}
              >
                Stop
              </Button>
            ) : null}
            {services.models && job?.status === 'Completed' ? (
              <Link
                to={`/projects/${encodeURIComponent(project)}/models/new?trainingJob=${encodeURIComponent(name)}`}
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
              >
                Create model
              </Link>
            ) : null}
          </div>
        }
      />
      <ErrorNote message={errorMessage(detail.error ?? stop.error)} />
      {job?.failureReason ? (
        <pre
          data-testid="failure-reason"
          className="mb-4 whitespace-pre-wrap rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {job.failureReason}
        </pre>
      ) : null}
      {job ? (
        <Facts
          items={[
            ['Stage', detail.data?.secondaryStatus],
            [
              'Algorithm',
              spec.algorithm?.kind === 'script'
                ? `script ${spec.algorithm.entryPointS3Uri}`
                : spec.algorithm?.name,
            ],
            [
              'Hyperparameters',
              Object.entries(spec.hyperParameters ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
            ],
            [
              'Input channels',
              (spec.inputs ?? []).map((input) => `${input.name}: ${input.s3Uri}`).join('; '),
            ],
            ['Output location', spec.outputS3Uri],
            ['Model artefact', detail.data?.modelArtifactsS3Uri],
            ['Instance type', job.instanceType],
            ['Maximum run time', spec.maxRuntimeSeconds ? `${spec.maxRuntimeSeconds} s` : null],
            ['Created by', job.owner],
            ['Created', formatDateTime(job.createdAt, timeZone)],
            ['Ended', job.stoppedAt ? formatDateTime(job.stoppedAt, timeZone) : null],
          ]}
        />
      ) : null}
      <section aria-labelledby="metrics-title" className="mt-8">
        <h2 id="metrics-title" className="mb-2 text-lg font-semibold">
          Metrics
        </h2>
        <MetricChart points={detail.data?.metrics ?? []} />
      </section>
      <LogPanel source="training" name={name} live={running} />
      {confirm.dialog}
    </div>
  );
}
