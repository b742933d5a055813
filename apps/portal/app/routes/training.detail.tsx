import { Link, useParams } from 'react-router';

import type { Route } from './+types/training.detail';
import { useConfirm } from '../components/confirm-dialog';
import {
  DetailPage,
  DetailSection,
  FactsGrid,
  FailureNote,
} from '../components/detail/detail-page';
import { lifetimeFacts } from '../components/detail/lifetime';
import { NextSteps } from '../components/detail/next-steps';
import { firstOutputPage } from '../components/detail/output-page';
import { MetricChart, OutputFiles } from '../components/detail/lazy-sections';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { LogPanel } from '../components/log-panel';
import { MlStatusBadge, changingMlStatuses } from '../components/ml/ml-status';
import { ServiceDeactivated } from '../components/service-deactivated';
import { Button, ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { useActiveServices } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { prefetchQueries } from '../utils/prefetch.server';
import { projectPath } from '../components/project-sections';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.training.get.prefetch({ name: params.name }),
    utils.training.outputs.prefetch(firstOutputPage(params.name)),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Training · MLSpace` },
];

const kind = kindBySegment('training');

export const handle = mlSectionCrumbs((params) => params.name ?? '');

interface TrainingSpec {
  algorithm?: { kind: string; name?: string; entryPointS3Uri?: string; imageUri?: string };
  hyperParameters?: Record<string, string>;
  inputs?: { name: string; s3Uri: string }[];
  outputS3Uri?: string;
  maxRuntimeSeconds?: number;
}

/** A training job, registered or launched by a tuning job: facts, metrics, outputs, logs, next step. */
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
  const spec = (job?.spec ?? {}) as TrainingSpec;
  const running = job ? changingMlStatuses.includes(job.status) : false;
  const tuningJob = detail.data?.tuningJob ?? null;
  return (
    <DetailPage
      title={name}
      kind={tuningJob ? 'Training job of a tuning job' : 'Training job'}
      status={job ? <MlStatusBadge status={job.status} /> : null}
      actions={
        services.training && detail.data?.permissions.manage && job?.status === 'InProgress' ? (
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
        ) : null
      }
    >
      <ServiceDeactivated service={kind.service} />
      <ErrorNote message={errorMessage(detail.error ?? stop.error)} />
      <FailureNote reason={job?.failureReason} />
      <NextSteps
        steps={
          services.models && job?.status === 'Completed'
            ? [
                {
                  label: 'Create model',
                  to: `${projectPath(project, 'models/new')}?trainingJob=${encodeURIComponent(name)}`,
                  description:
                    'Package this job’s model artefact with inference code, ready to deploy behind an endpoint.',
                },
              ]
            : []
        }
      />
      {job ? (
        <FactsGrid
          facts={[
            { label: 'Stage', value: detail.data?.secondaryStatus },
            {
              label: 'Algorithm',
              value:
                spec.algorithm?.kind === 'script'
                  ? `script ${spec.algorithm.entryPointS3Uri}`
                  : spec.algorithm?.kind === 'image'
                    ? `image ${spec.algorithm.imageUri}`
                    : spec.algorithm?.name,
            },
            { label: 'Instance type', value: job.instanceType },
            { label: 'Created by', value: job.owner },
            ...(tuningJob
              ? [
                  {
                    label: 'Tuning job',
                    value: (
                      <Link
                        className="text-brand-700 hover:underline dark:text-brand-100"
                        to={mlPath(project, kindBySegment('tuning'), tuningJob)}
                      >
                        {tuningJob}
                      </Link>
                    ),
                  },
                ]
              : []),
            ...lifetimeFacts(job, running, timeZone),
            {
              label: 'Maximum run time',
              value: spec.maxRuntimeSeconds ? `${spec.maxRuntimeSeconds} s` : null,
            },
            {
              label: 'Hyperparameters',
              wide: true,
              value: Object.entries(spec.hyperParameters ?? {})
                .map(([key, value]) => `${key}=${value}`)
                .join(', '),
            },
            {
              label: 'Input channels',
              wide: true,
              value: (spec.inputs ?? []).map((input) => `${input.name}: ${input.s3Uri}`).join('; '),
            },
            { label: 'Output location', wide: true, value: spec.outputS3Uri },
            { label: 'Model artefact', wide: true, value: detail.data?.modelArtifactsS3Uri },
          ]}
        />
      ) : null}
      <DetailSection title="Metrics">
        <MetricChart points={detail.data?.metrics ?? []} />
      </DetailSection>
      {job ? (
        <OutputFiles kind="training" name={name} timeZone={timeZone} ready={!running} />
      ) : null}
      <LogPanel source="training" name={name} live={running} />
      {confirm.dialog}
    </DetailPage>
  );
}
