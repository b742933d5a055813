import { useParams } from 'react-router';

import type { Route } from './+types/translate.jobs.detail';
import { useConfirm } from '../components/confirm-dialog';
import {
  DetailPage,
  DetailSection,
  FactsGrid,
  FailureNote,
} from '../components/detail/detail-page';
import { OutputFiles } from '../components/detail/lazy-sections';
import { MlStatusBadge } from '../components/ml/ml-status';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { ServiceDeactivated } from '../components/service-deactivated';
import { Button, ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.translation.jobs.get.prefetch({ name: params.name })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Batch translation · MLSpace` },
];

export const handle = sectionCrumbs('Translation', 'translate/jobs', (params) => params.name ?? '');

const ended = ['Completed', 'Failed', 'Stopped'];

/** A batch translation job: languages, documents done and failed with each reason, its output. */
export default function TranslationJobDetail() {
  const { name = '' } = useParams();
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const detail = trpc.translation.jobs.get.useQuery(
    { name },
    {
      refetchInterval: (query) =>
        query.state.data && ended.includes(query.state.data.job.status) ? false : 2000,
    },
  );
  const utils = trpc.useUtils();
  const stop = trpc.translation.jobs.stop.useMutation({
    onSuccess: () => utils.translation.jobs.invalidate(),
  });
  const confirm = useConfirm();
  const data = detail.data;
  if (!data) return <ErrorNote message={errorMessage(detail.error) ?? null} />;
  const { job, documents, failures } = data;
  const spec = job.spec as {
    inputS3Uri?: string;
    outputS3Uri?: string;
    sourceLanguage?: string;
    targetLanguages?: string[];
    terminologyNames?: string[];
  };
  const isEnded = ended.includes(job.status);
  return (
    <DetailPage
      title={name}
      kind="Batch translation job"
      status={<MlStatusBadge status={job.status} />}
      actions={
        data.permissions.manage && job.status === 'InProgress' ? (
          <Button
            variant="danger"
            disabled={stop.isPending}
            onClick={() =>
              confirm.ask({
                title: `Stop ${name}?`,
                description:
                  'Documents translated so far stay in the output; the rest are not translated.',
                confirmLabel: 'Stop',
                tone: 'danger',
                action: () => stop.mutateAsync({ name }),
              })
            }
          >
            Stop
          </Button>
        ) : null
      }
    >
      {confirm.dialog}
      <ServiceDeactivated service="translate" />
      <ErrorNote message={errorMessage(stop.error)} />
      <FailureNote reason={job.failureReason} />
      <FactsGrid
        facts={[
          {
            label: 'Languages',
            value: `${spec.sourceLanguage ?? '?'} → ${(spec.targetLanguages ?? []).join(', ')}`,
          },
          {
            label: 'Documents',
            value: documents ? (
              <span data-testid="translation-documents">
                {documents.translated} of {documents.input} translated
                {documents.failed > 0 ? `, ${documents.failed} failed` : ''}
              </span>
            ) : null,
          },
          { label: 'Terminology', value: spec.terminologyNames?.join(', ') || 'None' },
          { label: 'Created by', value: job.owner },
          { label: 'Created', value: formatDateTime(job.createdAt, timeZone) },
          { label: 'Ended', value: job.stoppedAt ? formatDateTime(job.stoppedAt, timeZone) : null },
          {
            label: 'Input',
            value: <span className="break-all font-mono">{spec.inputS3Uri}</span>,
            wide: true,
          },
          {
            label: 'Output',
            value: <span className="break-all font-mono">{spec.outputS3Uri}</span>,
            wide: true,
          },
        ]}
      />
      {failures.length > 0 ? (
        <DetailSection title="Documents that failed">
          <ul className="space-y-2 text-sm" data-testid="translation-failures">
            {failures.map((failure) => (
              <li
                key={`${failure.document}-${failure.targetLanguage ?? ''}`}
                className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
              >
                <span className="font-mono font-medium">{failure.document}</span>
                {failure.targetLanguage ? ` (${failure.targetLanguage})` : ''}: {failure.reason}
              </li>
            ))}
          </ul>
        </DetailSection>
      ) : null}
      <OutputFiles kind="translation" name={name} timeZone={timeZone} ready={isEnded} />
    </DetailPage>
  );
}
