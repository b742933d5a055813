import { Link, useLocation, useNavigate, useParams } from 'react-router';

import type { Route } from './+types/ml.detail';
import { useConfirm } from '../components/confirm-dialog';
import { DetailPage, FactsGrid, FailureNote } from '../components/detail/detail-page';
import { lifetimeFacts } from '../components/detail/lifetime';
import { NextSteps } from '../components/detail/next-steps';
import { firstOutputPage } from '../components/detail/output-page';
import { OutputFiles } from '../components/detail/lazy-sections';
import { kindBySegment, mlPath, type MlKind } from '../components/ml/kinds';
import { LogPanel } from '../components/log-panel';
import { MlStatusBadge, changingMlStatuses } from '../components/ml/ml-status';
import { ServiceDeactivated } from '../components/service-deactivated';
import { Button, ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { prefetchQueries } from '../utils/prefetch.server';
import { projectPath } from '../components/project-sections';

export const loader = ({ context, params, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const kind = kindBySegment(url.pathname.split('/')[3] ?? '');
    const api = utils[kind.router] as unknown as typeof utils.models;
    return [
      api.get.prefetch({ name: params.name }),
      ...(kind.router === 'transform'
        ? [utils.transform.outputs.prefetch(firstOutputPage(params.name))]
        : []),
    ];
  });

export const meta: Route.MetaFunction = ({ params }) => [{ title: `${params.name} · MLSpace` }];

/** Transform jobs, models and endpoint configurations: facts, status, stop or delete, next step. */
export const handle = mlSectionCrumbs((params) => params.name ?? '');

const linkClass = 'text-brand-700 hover:underline dark:text-brand-100';

export default function MlDetail() {
  const { project = '', name = '' } = useParams();
  const kind = kindBySegment(useLocation().pathname.split('/')[3] ?? '');
  if (kind.router === 'transform')
    return <TransformDetail project={project} name={name} kind={kind} />;
  if (kind.router === 'models') return <ModelDetail project={project} name={name} kind={kind} />;
  return <ConfigDetail project={project} name={name} kind={kind} />;
}

function useTimeZone(): string {
  return useRootData().user?.preferences.timezone ?? 'UTC';
}

function TransformDetail({ project, name, kind }: { project: string; name: string; kind: MlKind }) {
  const timeZone = useTimeZone();
  const detail = trpc.transform.get.useQuery(
    { name },
    {
      refetchInterval: (query) =>
        query.state.data && !changingMlStatuses.includes(query.state.data.job.status)
          ? false
          : 1500,
    },
  );
  const stop = trpc.transform.stop.useMutation({ onSuccess: () => detail.refetch() });
  const active = useServiceActive(kind.service);
  const confirm = useConfirm();
  const job = detail.data?.job;
  const spec = (job?.spec ?? {}) as Record<string, string>;
  const running = job ? changingMlStatuses.includes(job.status) : false;
  return (
    <DetailPage
      title={name}
      kind="Transform job"
      status={job ? <MlStatusBadge status={job.status} /> : null}
      actions={
        active && detail.data?.permissions.manage && job?.status === 'InProgress' ? (
          <Button
            variant="danger"
            onClick={() =>
              confirm.ask({
                title: `Stop transform job ${name}?`,
                description:
                  'The job ends now; what it has not written yet is lost. A stopped job cannot be resumed.',
                confirmLabel: `Stop transform job ${name}`,
                action: () => stop.mutateAsync({ name }),
              })
            }
          >
            Stop
          </Button>
        ) : null
      }
    >
      <ServiceDeactivated service={kind.service} />
      <ErrorNote message={errorMessage(detail.error ?? stop.error)} />
      <FailureNote reason={job?.failureReason} />
      {job ? (
        <FactsGrid
          facts={[
            {
              label: 'Model',
              value: spec.modelName ? (
                <Link
                  className={linkClass}
                  to={mlPath(project, kindBySegment('models'), spec.modelName)}
                >
                  {spec.modelName}
                </Link>
              ) : null,
            },
            { label: 'Instance type', value: job.instanceType },
            { label: 'Created by', value: job.owner },
            ...lifetimeFacts(job, running, timeZone),
            {
              label: 'Input',
              wide: true,
              value: `${spec.inputS3Uri} (${spec.contentType ?? 'any type'}, split ${spec.splitType ?? 'None'})`,
            },
            { label: 'Output location', wide: true, value: spec.outputS3Uri },
          ]}
        />
      ) : null}
      {job ? (
        <OutputFiles kind="transform" name={name} timeZone={timeZone} ready={!running} />
      ) : null}
      <LogPanel source="transform" name={name} live={running} />
      {confirm.dialog}
    </DetailPage>
  );
}

function ModelDetail({ project, name, kind }: { project: string; name: string; kind: MlKind }) {
  const navigate = useNavigate();
  const timeZone = useTimeZone();
  const detail = trpc.models.get.useQuery({ name });
  const remove = trpc.models.delete.useMutation({
    onSuccess: () => navigate(mlPath(project, kind)),
  });
  const active = useServiceActive(kind.service);
  const endpointsActive = useServiceActive('endpoints');
  const confirm = useConfirm();
  const container = detail.data?.container;
  const model = detail.data?.model;
  const trainingJob =
    typeof model?.spec.trainingJobName === 'string' ? model.spec.trainingJobName : null;
  return (
    <DetailPage
      title={name}
      kind="Model"
      status={model ? <MlStatusBadge status={model.status} /> : null}
      actions={
        active && detail.data?.permissions.manage ? (
          <Button
            variant="danger"
            onClick={() =>
              confirm.ask({
                title: `Delete model ${name}?`,
                description:
                  'The model is deleted. Endpoint configurations that name it can no longer be deployed. This cannot be undone.',
                confirmLabel: `Delete model ${name}`,
                action: () => remove.mutateAsync({ name }),
              })
            }
          >
            Delete
          </Button>
        ) : null
      }
    >
      <ServiceDeactivated service={kind.service} />
      <ErrorNote message={errorMessage(detail.error ?? remove.error)} />
      <NextSteps
        steps={
          model && endpointsActive
            ? [
                {
                  label: 'Create endpoint configuration',
                  to: `${projectPath(project, 'endpoint-configs/new')}?model=${encodeURIComponent(name)}`,
                  description:
                    'Choose the instances this model is served on; an endpoint then deploys that configuration.',
                },
              ]
            : []
        }
      />
      {model ? (
        <FactsGrid
          facts={[
            {
              label: 'Training job',
              value: trainingJob ? (
                <Link
                  className={linkClass}
                  to={mlPath(project, kindBySegment('training'), trainingJob)}
                >
                  {trainingJob}
                </Link>
              ) : null,
            },
            { label: 'Created by', value: model.owner },
            { label: 'Created', value: formatDateTime(model.createdAt, timeZone) },
            { label: 'Image', wide: true, value: container?.image },
            { label: 'Artefact', wide: true, value: container?.modelDataS3Uri },
            {
              label: 'Environment',
              wide: true,
              value: Object.entries(container?.environment ?? {})
                .map(([key, value]) => `${key}=${value}`)
                .join(', '),
            },
          ]}
        />
      ) : null}
      {confirm.dialog}
    </DetailPage>
  );
}

function ConfigDetail({ project, name, kind }: { project: string; name: string; kind: MlKind }) {
  const navigate = useNavigate();
  const timeZone = useTimeZone();
  const detail = trpc.endpointConfigs.get.useQuery({ name });
  const remove = trpc.endpointConfigs.delete.useMutation({
    onSuccess: () => navigate(mlPath(project, kind)),
  });
  const config = detail.data?.endpointConfig;
  const variants = (config?.spec.variants ?? []) as {
    variantName: string;
    modelName: string;
    instanceType: string;
    initialInstanceCount: number;
  }[];
  const active = useServiceActive(kind.service);
  const confirm = useConfirm();
  return (
    <DetailPage
      title={name}
      kind="Endpoint configuration"
      status={config ? <MlStatusBadge status={config.status} /> : null}
      actions={
        active && detail.data?.permissions.manage ? (
          <Button
            variant="danger"
            onClick={() =>
              confirm.ask({
                title: `Delete endpoint configuration ${name}?`,
                description:
                  'The configuration is deleted; endpoints already running on it keep running. This cannot be undone.',
                confirmLabel: `Delete endpoint configuration ${name}`,
                action: () => remove.mutateAsync({ name }),
              })
            }
          >
            Delete
          </Button>
        ) : null
      }
    >
      <ServiceDeactivated service={kind.service} />
      <ErrorNote message={errorMessage(detail.error ?? remove.error)} />
      <NextSteps
        steps={
          config && active
            ? [
                {
                  label: 'Create endpoint',
                  to: `${projectPath(project, 'endpoints/new')}?endpointConfig=${encodeURIComponent(name)}`,
                  description: 'Deploy this configuration as a real-time endpoint you can invoke.',
                },
              ]
            : []
        }
      />
      {config ? (
        <FactsGrid
          facts={[
            { label: 'Created by', value: config.owner },
            { label: 'Created', value: formatDateTime(config.createdAt, timeZone) },
            {
              label: 'Data capture',
              wide: true,
              value: detail.data?.dataCapture
                ? `${detail.data.dataCapture.samplingPercentage} % of invocations to ${detail.data.dataCapture.s3Uri}`
                : 'Off',
            },
            ...variants.map((variant) => ({
              label: `Variant ${variant.variantName}`,
              wide: true,
              value: (
                <>
                  <Link
                    className={linkClass}
                    to={mlPath(project, kindBySegment('models'), variant.modelName)}
                  >
                    {variant.modelName}
                  </Link>{' '}
                  on {variant.initialInstanceCount} × {variant.instanceType}
                </>
              ),
            })),
          ]}
        />
      ) : null}
      {confirm.dialog}
    </DetailPage>
  );
}
