import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';

import type { Annotation } from '@mlspace/core';

import type { Route } from './+types/labeling.work';
import { labelingPath } from '../components/labeling/paths';
import { TaskWorkspace, boxesOfOutput } from '../components/labeling/task-workspace';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { ServiceDeactivated } from '../components/service-deactivated';
import { ErrorNote, PageHeader } from '../components/ui';
import { errorMessage } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.labeling.get.prefetch({ name: params.name }),
    utils.labeling.queue.prefetch({ name: params.name }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Label · ${params.name} · MLSpace` },
];

export const handle = sectionCrumbs(
  'Labeling',
  'labeling',
  (params) => `Label ${params.name ?? ''}`,
);

/** A worker's queue: one object at a time, the next one once this one is answered. */
export default function LabelingWork() {
  const { project = '', name = '' } = useParams();
  const job = trpc.labeling.get.useQuery({ name });
  const queue = trpc.labeling.queue.useQuery({ name });
  const utils = trpc.useUtils();
  const open = trpc.labeling.task.useMutation();
  const submit = trpc.labeling.submit.useMutation();
  const [answered, setAnswered] = useState(0);
  const next = queue.data?.open[0];
  const { mutate: openTask, data: task, reset } = open;

  useEffect(() => {
    reset();
    if (next !== undefined) openTask({ name, index: next });
  }, [name, next, openTask, reset]);

  async function answer(annotation: Annotation) {
    if (!task) return;
    await submit.mutateAsync({ name, index: task.index, annotation });
    setAnswered((count) => count + 1);
    await Promise.all([
      utils.labeling.queue.invalidate({ name }),
      utils.labeling.get.invalidate({ name }),
    ]);
  }

  const progress = queue.data
    ? `${queue.data.answered} of ${queue.data.assigned} of your objects answered`
    : '';
  return (
    <div className="space-y-4">
      <PageHeader
        title={`Label ${name}`}
        description={job.data ? `${job.data.taskTypeLabel}. ${progress}.` : progress}
      />
      <ServiceDeactivated service="labeling" />
      <ErrorNote message={errorMessage(queue.error ?? open.error ?? submit.error)} />
      {job.data?.fullInstruction ? (
        <details className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
          <summary className="cursor-pointer font-medium">Full instructions</summary>
          <p className="mt-2 whitespace-pre-wrap">{job.data.fullInstruction}</p>
        </details>
      ) : null}
      {queue.data && next === undefined ? (
        <div
          role="status"
          className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm dark:border-emerald-900 dark:bg-emerald-950"
        >
          {answered > 0 || queue.data.answered > 0
            ? 'You have answered every object assigned to you. Thank you.'
            : 'No object waits for you in this job.'}{' '}
          <Link to={labelingPath(project, name)} className="font-medium underline">
            Back to the job
          </Link>
        </div>
      ) : job.data && task ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <p
            className="mb-3 text-xs text-slate-600 dark:text-slate-400"
            data-testid="task-deadline"
          >
            Object {task.index + 1}. Answer by {new Date(task.deadline).toLocaleTimeString()}.
          </p>
          <TaskWorkspace
            key={task.index}
            taskType={job.data.taskType}
            labels={job.data.labels}
            shortInstruction={job.data.shortInstruction}
            object={{
              imageUrl: task.imageUrl,
              imageSize: task.imageSize,
              text: task.text,
              reviewedBoxes: boxesOfOutput(task.reviewed),
            }}
            pending={submit.isPending}
            onSubmit={(annotation) => void answer(annotation).catch(() => {})}
          />
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading your next object…</p>
      )}
    </div>
  );
}
