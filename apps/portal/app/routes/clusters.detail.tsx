import { useNavigate, useParams } from 'react-router';

import type { Route } from './+types/clusters.detail';
import { AttachInstructions } from '../components/clusters/attach-instructions';
import {
  ClusterStatusBadge,
  changingClusterStatuses,
  clusterStatusLabel,
} from '../components/clusters/cluster-status';
import { EngineNote } from '../components/clusters/engine-note';
import { InstancesTable } from '../components/clusters/instances-table';
import { clusterPath } from '../components/clusters/paths';
import { useConfirm } from '../components/confirm-dialog';
import {
  DetailPage,
  DetailSection,
  FactsGrid,
  FailureNote,
} from '../components/detail/detail-page';
import { LogPanel } from '../components/log-panel';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { ServiceDeactivated } from '../components/service-deactivated';
import { Button, ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.clusters.get.prefetch({ name: params.name })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Clusters · MLSpace` },
];

export const handle = sectionCrumbs('Clusters', 'clusters', (params) => params.name ?? '');

const ended = ['Terminated', 'TerminatedWithErrors'];

/** A cluster: its state and why, its nodes (workers with memory and tasks locally), how to attach, its log. */
export default function ClusterDetail() {
  const { project = '', name = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const detail = trpc.clusters.get.useQuery(
    { name },
    {
      // Workers' memory and tasks change while it runs, so a live cluster is read often.
      refetchInterval: (query) =>
        query.state.data && ended.includes(query.state.data.cluster.status) ? false : 2000,
    },
  );
  const utils = trpc.useUtils();
  const refresh = () => utils.clusters.invalidate();
  const terminate = trpc.clusters.terminate.useMutation({ onSuccess: refresh });
  const remove = trpc.clusters.remove.useMutation({
    onSuccess: async () => {
      await refresh();
      await navigate(clusterPath(project));
    },
  });
  const confirm = useConfirm();
  const data = detail.data;
  if (!data) return <ErrorNote message={errorMessage(detail.error) ?? null} />;
  const { cluster } = data;
  const isEnded = ended.includes(cluster.status);
  const live = changingClusterStatuses.includes(cluster.status) || cluster.status === 'Waiting';
  const reason = data.stateChangeReason?.message;
  return (
    <DetailPage
      title={name}
      kind="Cluster"
      status={<ClusterStatusBadge status={cluster.status} />}
      actions={
        data.permissions.manage ? (
          isEnded ? (
            <Button
              disabled={remove.isPending}
              onClick={() =>
                confirm.ask({
                  title: `Remove ${name} from the list?`,
                  description: 'The cluster has ended; its record and the name go.',
                  confirmLabel: 'Remove',
                  action: () => remove.mutateAsync({ name }),
                })
              }
            >
              Remove
            </Button>
          ) : (
            <Button
              variant="danger"
              disabled={terminate.isPending || cluster.status === 'Terminating'}
              onClick={() =>
                confirm.ask({
                  title: `Terminate ${name}?`,
                  description:
                    'Its nodes end and work running on it stops. The cluster stays listed as terminated.',
                  confirmLabel: 'Terminate',
                  tone: 'danger',
                  action: () => terminate.mutateAsync({ name }),
                })
              }
            >
              Terminate
            </Button>
          )
        ) : null
      }
    >
      {confirm.dialog}
      <ServiceDeactivated service="emr" />
      <EngineNote engine={data.engine} note={data.note} />
      <ErrorNote message={errorMessage(terminate.error ?? remove.error)} />
      <FailureNote reason={cluster.failureReason} />
      <FactsGrid
        facts={[
          { label: 'State', value: clusterStatusLabel(cluster.status) },
          {
            label: 'State change reason',
            value: reason ? (
              <span data-testid="state-change-reason">
                {data.stateChangeReason?.code ? `${data.stateChangeReason.code}: ` : ''}
                {reason}
              </span>
            ) : null,
            wide: true,
          },
          { label: 'Cluster id', value: data.id },
          { label: 'Cluster type', value: data.clusterType },
          { label: 'Release', value: data.releaseLabel },
          {
            label: 'Applications',
            value: data.applications
              .map((app) => (app.version ? `${app.name} ${app.version}` : app.name))
              .join(', '),
          },
          {
            label: 'Nodes',
            value: cluster.instanceCount
              ? `1 primary and ${cluster.instanceCount - 1} core (${cluster.instanceType ?? ''})`
              : null,
          },
          { label: 'Created by', value: cluster.owner },
          { label: 'Created', value: formatDateTime(data.timeline.createdAt, timeZone) },
          {
            label: 'Ready',
            value: data.timeline.readyAt ? formatDateTime(data.timeline.readyAt, timeZone) : null,
          },
          {
            label: 'Ended',
            value: data.timeline.endedAt ? formatDateTime(data.timeline.endedAt, timeZone) : null,
          },
          {
            label: 'Terminates at',
            value: data.terminateAt ? (
              <span data-testid="cluster-terminate-at">
                {formatDateTime(data.terminateAt, timeZone)}
              </span>
            ) : null,
          },
        ]}
      />
      {!isEnded ? (
        <DetailSection
          title={data.engine === 'dask' ? 'Scheduler and workers' : 'Instances'}
          description={
            data.engine === 'dask'
              ? "Read from the Dask scheduler itself: each worker's memory and the tasks it runs now."
              : undefined
          }
        >
          {data.instancesProblem ? <ErrorNote message={data.instancesProblem} /> : null}
          <InstancesTable instances={data.instances} dask={data.engine === 'dask'} />
        </DetailSection>
      ) : null}
      {!isEnded ? (
        <DetailSection title="Attach a notebook">
          {data.permissions.connect ? (
            <AttachInstructions name={name} />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {data.permissions.connectDenial}
            </p>
          )}
        </DetailSection>
      ) : null}
      <LogPanel source="clusters" name={name} live={live} />
    </DetailPage>
  );
}
