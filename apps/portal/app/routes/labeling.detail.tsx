import { Link, useParams } from 'react-router';

import type { Route } from './+types/labeling.detail';
import { useConfirm } from '../components/confirm-dialog';
import {
  DetailPage,
  DetailSection,
  FactsGrid,
  FailureNote,
} from '../components/detail/detail-page';
import { LabeledGallery } from '../components/labeling/labeled-gallery';
import { labelingPath } from '../components/labeling/paths';
import { MlStatusBadge } from '../components/ml/ml-status';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { ServiceDeactivated } from '../components/service-deactivated';
import { Button, ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.labeling.get.prefetch({ name: params.name })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Labeling · MLSpace` },
];

export const handle = sectionCrumbs('Labeling', 'labeling', (params) => params.name ?? '');

const running = ['Initializing', 'InProgress', 'Stopping'];

/** A labeling job: progress, who labeled how much, what it is, the labeled objects. */
export default function LabelingJobDetail() {
  const { project = '', name = '' } = useParams();
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const detail = trpc.labeling.get.useQuery(
    { name },
    {
      refetchInterval: (query) =>
        query.state.data && !running.includes(query.state.data.job.status) ? false : 3000,
    },
  );
  const utils = trpc.useUtils();
  const stop = trpc.labeling.stop.useMutation({
    onSuccess: () => utils.labeling.get.invalidate({ name }),
  });
  const confirm = useConfirm();
  const job = detail.data;
  if (!job) return <ErrorNote message={errorMessage(detail.error) ?? null} />;
  const { counters } = job;
  const done = counters.labeled + counters.failed;
  const percent = counters.total > 0 ? Math.round((done / counters.total) * 100) : 0;
  const isRunning = running.includes(job.job.status);
  return (
    <DetailPage
      title={name}
      kind="Labeling job"
      status={<MlStatusBadge status={job.job.status} />}
      actions={
        <>
          {job.permissions.label ? (
            <Link
              to={labelingPath(project, name, 'work')}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Start labeling
            </Link>
          ) : null}
          {job.workerPortalUrl ? (
            <a
              href={job.workerPortalUrl}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium dark:border-slate-700"
            >
              Open the labeling portal
            </a>
          ) : null}
          {job.permissions.manage && job.job.status === 'InProgress' ? (
            <Button
              variant="danger"
              disabled={stop.isPending}
              onClick={() =>
                confirm.ask({
                  title: `Stop ${name}?`,
                  description:
                    'Workers get no more tasks. What was labeled stays in the output manifest.',
                  confirmLabel: 'Stop job',
                  tone: 'danger',
                  action: () => stop.mutateAsync({ name }),
                })
              }
            >
              Stop
            </Button>
          ) : null}
        </>
      }
    >
      {confirm.dialog}
      <ServiceDeactivated service="labeling" />
      <ErrorNote message={errorMessage(stop.error)} />
      <FailureNote reason={job.job.failureReason} />
      <DetailSection
        title="Progress"
        description={`${done} of ${counters.total} objects done: ${counters.labeled} labeled, ${counters.failed} failed, ${counters.unlabeled} waiting.`}
      >
        <div
          role="progressbar"
          aria-label="Objects labeled"
          aria-valuemin={0}
          aria-valuemax={counters.total}
          aria-valuenow={done}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div
            className={`h-full ${isRunning ? 'bg-brand-600' : 'bg-emerald-600'}`}
            style={{ width: `${percent}%` }}
          />
        </div>
        {job.workerCounts ? (
          <table className="mt-4 w-full max-w-lg text-sm" data-testid="worker-counts">
            <caption className="sr-only">Objects per worker</caption>
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
                <th className="py-1 font-medium">Worker</th>
                <th className="py-1 font-medium">Answered</th>
                <th className="py-1 font-medium">Assigned</th>
              </tr>
            </thead>
            <tbody>
              {job.workerCounts.map((worker) => (
                <tr key={worker.worker} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-1">{worker.worker}</td>
                  <td className="py-1">{worker.answered}</td>
                  <td className="py-1">{worker.assigned}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            Ground Truth does not report counts per worker.
          </p>
        )}
      </DetailSection>
      <FactsGrid
        facts={[
          { label: 'Task type', value: job.taskTypeLabel },
          { label: 'Labels', value: job.labels.join(', ') },
          { label: 'Workers', value: job.workers.join(', ') },
          { label: 'Workers per object', value: job.workersPerObject },
          { label: 'Time limit per task', value: `${job.taskTimeLimitSeconds} s` },
          { label: 'Created by', value: job.job.owner },
          { label: 'Created', value: formatDateTime(job.job.createdAt, timeZone) },
          { label: 'Reviews', value: job.reviewed?.job ?? null },
          { label: 'Instruction', value: job.shortInstruction, wide: true },
          {
            label: 'Output manifest',
            value: <code className="text-xs">{job.outputManifestUri}</code>,
            wide: true,
          },
          { label: 'Label attribute', value: <code>{job.labelAttributeName}</code> },
        ]}
      />
      {job.workerCounts ? (
        <DetailSection
          title="Labeled objects"
          description="Each object with its consolidated label."
        >
          <LabeledGallery
            name={name}
            taskType={job.taskType}
            labels={job.labels}
            live={isRunning}
          />
        </DetailSection>
      ) : null}
    </DetailPage>
  );
}
