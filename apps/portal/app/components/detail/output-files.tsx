import { Pager, useCursorPager } from '../data-table';
import { Button, ErrorNote } from '../ui';
import { errorMessage, formatDateTime } from '../../utils/format';
import { trpc } from '../../utils/trpc';
import { formatBytes } from '../../utils/upload';
import { DetailSection } from './detail-page';

import { filesPerPage } from './output-page';

/**
 * The files a job wrote to its own output folder, each with a download link. The API lists only
 * that folder and signs a link only for a file inside it, for callers who may read it.
 */
export function OutputFiles({
  kind,
  name,
  timeZone,
  ready,
}: {
  kind: 'training' | 'transform' | 'translation';
  name: string;
  timeZone: string;
  /** Whether the job has finished writing; until then the list refreshes. */
  ready: boolean;
}) {
  const pager = useCursorPager();
  const input = { name, cursor: pager.cursor, limit: filesPerPage };
  const training = trpc.training.outputs.useQuery(input, {
    enabled: kind === 'training',
    refetchInterval: ready ? false : 5_000,
  });
  const transform = trpc.transform.outputs.useQuery(input, {
    enabled: kind === 'transform',
    refetchInterval: ready ? false : 5_000,
  });
  const translation = trpc.translation.jobs.outputs.useQuery(input, {
    enabled: kind === 'translation',
    refetchInterval: ready ? false : 5_000,
  });
  const listing = { training, transform, translation }[kind];
  const routers = {
    training: trpc.training,
    transform: trpc.transform,
    translation: trpc.translation.jobs,
  };
  const download = routers[kind].outputUrl.useMutation({
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const files = listing.data?.items ?? [];
  return (
    <DetailSection
      title="Output files"
      description={
        listing.data?.location ? (
          <span className="break-all font-mono text-xs">{listing.data.location}</span>
        ) : undefined
      }
    >
      <ErrorNote message={errorMessage(listing.error ?? download.error)} />
      {listing.isLoading ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading the output files…</p>
      ) : files.length === 0 && !listing.error ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {ready
            ? 'This job wrote no files to its output location.'
            : 'Files appear here as the job writes them.'}
        </p>
      ) : (
        <ul
          aria-label="Output files"
          className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white text-sm shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
        >
          {files.map((file) => (
            <li key={file.path} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
              <span className="w-full break-all font-mono text-xs sm:w-auto sm:min-w-0 sm:flex-1">
                {file.path}
              </span>
              <span className="text-slate-600 dark:text-slate-400">{formatBytes(file.size)}</span>
              <span className="text-slate-600 dark:text-slate-400">
                {formatDateTime(file.lastModified, timeZone)}
              </span>
              <Button
                aria-label={`Download ${file.path}`}
                disabled={download.isPending}
                onClick={() => download.mutate({ name, path: file.path })}
              >
                Download
              </Button>
            </li>
          ))}
        </ul>
      )}
      {pager.page > 1 || listing.data?.cursor ? (
        <div className="mt-2">
          <Pager
            page={pager.page}
            hasNext={Boolean(listing.data?.cursor)}
            onNext={() => pager.next(listing.data?.cursor ?? null)}
            onPrevious={pager.previous}
          />
        </div>
      ) : null}
    </DetailSection>
  );
}
