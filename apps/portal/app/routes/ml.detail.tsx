import { useLocation, useNavigate, useParams } from 'react-router';

import type { Route } from './+types/ml.detail';
import { useConfirm } from '../components/confirm-dialog';
import { Facts } from '../components/ml/facts';
import { kindBySegment, mlPath, type MlKind } from '../components/ml/kinds';
import { LogPanel } from '../components/log-panel';
import { MlStatusBadge, changingMlStatuses } from '../components/ml/ml-status';
import { ServiceDeactivated } from '../components/service-deactivated';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { prefetchQueries } from '../utils/prefetch.server';

export const loader = ({ context, params, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const kind = kindBySegment(url.pathname.split('/')[3] ?? '');
    const api = utils[kind.router] as unknown as typeof utils.models;
    return [api.get.prefetch({ name: params.name })];
  });

export const meta: Route.MetaFunction = ({ params }) => [{ title: `${params.name} · MLSpace` }];

/** Transform jobs, models and endpoint configurations: facts, status, stop or delete, logs. */
export const handle = mlSectionCrumbs((params) => params.name ?? '');

export default function MlDetail() {
  const { project = '', name = '' } = useParams();
  const kind = kindBySegment(useLocation().pathname.split('/')[3] ?? '');
  if (kind.router === 'transform') return <TransformDetail name={name} kind={kind} />;
  if (kind.router === 'models') return <ModelDetail project={project} name={name} kind={kind} />;
  return <ConfigDetail project={project} name={name} kind={kind} />;
}

function TransformDetail({ name, kind }: { name: string; kind: MlKind }) {
  const { user } = useRootData();
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
  return (
    <div>
      <ServiceDeactivated service={kind.service} />
      <PageHeader
        title={name}
        description="Transform job"
        actions={
          <div className="flex items-center gap-2">
            {job ? <MlStatusBadge status={job.status} /> : null}
            {active && detail.data?.permissions.manage && job?.status === 'InProgress' ? (
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
            ) : null}
          </div>
        }
      />
      <ErrorNote message={errorMessage(detail.error ?? stop.error)} />
      {job?.failureReason ? <ErrorNote message={job.failureReason} /> : null}
      {job ? (
        <Facts
          items={[
            ['Model', spec.modelName],
            ['Input', `${spec.inputS3Uri} (${spec.contentType}, split ${spec.splitType})`],
            ['Output', spec.outputS3Uri],
            ['Instance type', job.instanceType],
            ['Created by', job.owner],
            ['Created', formatDateTime(job.createdAt, user?.preferences.timezone ?? 'UTC')],
          ]}
        />
      ) : null}
      <LogPanel
        source="transform"
        name={name}
        live={job ? changingMlStatuses.includes(job.status) : false}
      />
      {confirm.dialog}
    </div>
  );
}

function ModelDetail({ project, name, kind }: { project: string; name: string; kind: MlKind }) {
  const navigate = useNavigate();
  const detail = trpc.models.get.useQuery({ name });
  const remove = trpc.models.delete.useMutation({
    onSuccess: () => navigate(mlPath(project, kind)),
  });
  const active = useServiceActive(kind.service);
  const confirm = useConfirm();
  const container = detail.data?.container;
  return (
    <div>
      <ServiceDeactivated service={kind.service} />
      <PageHeader
        title={name}
        description="Model"
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
      />
      <ErrorNote message={errorMessage(detail.error ?? remove.error)} />
      {detail.data ? (
        <Facts
          items={[
            [
              'Training job',
              typeof detail.data.model.spec.trainingJobName === 'string'
                ? detail.data.model.spec.trainingJobName
                : '—',
            ],
            ['Image', container?.image],
            ['Artefact', container?.modelDataS3Uri],
            [
              'Environment',
              Object.entries(container?.environment ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join(', ') || '—',
            ],
            ['Created by', detail.data.model.owner],
          ]}
        />
      ) : null}
      {confirm.dialog}
    </div>
  );
}

function ConfigDetail({ project, name, kind }: { project: string; name: string; kind: MlKind }) {
  const navigate = useNavigate();
  const detail = trpc.endpointConfigs.get.useQuery({ name });
  const remove = trpc.endpointConfigs.delete.useMutation({
    onSuccess: () => navigate(mlPath(project, kind)),
  });
  const variants = (detail.data?.endpointConfig.spec.variants ?? []) as {
    variantName: string;
    modelName: string;
    instanceType: string;
    initialInstanceCount: number;
  }[];
  const active = useServiceActive(kind.service);
  const confirm = useConfirm();
  return (
    <div>
      <ServiceDeactivated service={kind.service} />
      <PageHeader
        title={name}
        description="Endpoint configuration"
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
      />
      <ErrorNote message={errorMessage(detail.error ?? remove.error)} />
      <Facts
        items={variants.map((variant) => [
          variant.variantName,
          `${variant.modelName} on ${variant.initialInstanceCount} × ${variant.instanceType}`,
        ])}
      />
      {confirm.dialog}
    </div>
  );
}
