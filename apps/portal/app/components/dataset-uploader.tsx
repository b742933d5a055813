import { useCallback, useRef, useState, type DragEvent } from 'react';

import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';
import { formatBytes, uploadFile, xhrPut } from '../utils/upload';
import { Button } from './ui';

export interface DatasetRef {
  scope: 'global' | 'project' | 'private' | 'group';
  scopeId?: string;
  name: string;
}

interface UploadItem {
  id: string;
  file: File;
  fileName: string;
  uploaded: number;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  error: string | null;
}

let nextId = 0;

/** The files chosen for a dataset and their upload state; `uploadAll` sends what is not done yet. */
export function useDatasetUploader() {
  const utils = trpc.useUtils();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [busy, setBusy] = useState(false);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const patch = useCallback((id: string, changes: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.id === id ? { ...item, ...changes } : item)));
  }, []);

  const addFiles = useCallback((files: FileList | File[]) => {
    const added = [...files].map((file) => ({
      id: `upload-${(nextId += 1)}`,
      file,
      fileName: file.webkitRelativePath || file.name,
      uploaded: 0,
      status: 'waiting' as const,
      error: null,
    }));
    setItems((current) => [
      ...current.filter((item) => !added.some((next) => next.fileName === item.fileName)),
      ...added,
    ]);
  }, []);

  const remove = useCallback(
    (id: string) => setItems((current) => current.filter((item) => item.id !== id)),
    [],
  );
  const clearDone = useCallback(
    () => setItems((current) => current.filter((item) => item.status !== 'done')),
    [],
  );

  /** Uploads every file not yet done, three at a time; resolves true when all succeeded. */
  const uploadAll = useCallback(
    async (ref: DatasetRef): Promise<boolean> => {
      const client = utils.client.datasets;
      const api = {
        start: (fileName: string, size: number) =>
          client.startUpload.mutate({ ref, fileName, size }),
        presignParts: async (key: string, uploadId: string, partNumbers: number[]) =>
          (await client.presignParts.mutate({ ref, key, uploadId, partNumbers })).urls,
        complete: (key: string, uploadId: string, parts: { partNumber: number; etag: string }[]) =>
          client.completeUpload.mutate({ ref, key, uploadId, parts }),
        abort: (key: string, uploadId: string) => client.abortUpload.mutate({ ref, key, uploadId }),
      };
      const queue = itemsRef.current.filter((item) => item.status !== 'done');
      setBusy(true);
      let failures = 0;
      const worker = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          const current = item;
          patch(current.id, { status: 'uploading', uploaded: 0, error: null });
          try {
            await uploadFile({
              api,
              put: xhrPut,
              file: current.file,
              fileName: current.fileName,
              onProgress: (uploaded) => patch(current.id, { uploaded }),
            });
            patch(current.id, { status: 'done', uploaded: current.file.size });
          } catch (error) {
            failures += 1;
            patch(current.id, { status: 'failed', error: errorMessage(error) });
          }
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      setBusy(false);
      return failures === 0;
    },
    [patch, utils],
  );

  const total = items.reduce((sum, item) => sum + item.file.size, 0);
  const uploaded = items.reduce((sum, item) => sum + Math.min(item.uploaded, item.file.size), 0);
  return { items, busy, total, uploaded, addFiles, remove, clearDone, uploadAll };
}

export type DatasetUploader = ReturnType<typeof useDatasetUploader>;

function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max === 0 ? 100 : Math.round((value / max) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
    >
      <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** A drop zone plus the chosen files, each with its progress, and the total. */
export function DatasetUploadPanel({ uploader }: { uploader: DatasetUploader }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) uploader.addFiles(event.dataTransfer.files);
  };
  return (
    <div className="space-y-3">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 py-8 text-sm ${
          dragging
            ? 'border-brand-600 bg-brand-50 dark:bg-slate-800'
            : 'border-slate-300 dark:border-slate-700'
        }`}
      >
        <p className="text-slate-600 dark:text-slate-400">Drop files here, or</p>
        <Button onClick={() => input.current?.click()} disabled={uploader.busy}>
          Choose files
        </Button>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Files of 16 MB or more go up in parts; failed parts are retried.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          data-testid="dataset-file-input"
          aria-label="Files to upload"
          className="hidden"
          onChange={(event) => {
            if (event.target.files) uploader.addFiles(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
      {uploader.items.length > 0 ? (
        <div className="rounded-md border border-slate-200 dark:border-slate-800">
          <ul
            aria-label="Files to upload"
            className="divide-y divide-slate-100 text-sm dark:divide-slate-800"
          >
            {uploader.items.map((item) => (
              <li
                key={item.id}
                className="grid grid-cols-[1fr_10rem_6rem_auto] items-center gap-3 px-3 py-2"
              >
                <span className="truncate font-mono text-xs" title={item.fileName}>
                  {item.fileName}
                </span>
                <ProgressBar
                  value={item.uploaded}
                  max={item.file.size}
                  label={`Progress of ${item.fileName}`}
                />
                <span
                  className={`text-xs ${item.status === 'failed' ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}`}
                >
                  {item.status === 'done'
                    ? 'Uploaded'
                    : item.status === 'failed'
                      ? 'Failed'
                      : `${formatBytes(item.uploaded)} / ${formatBytes(item.file.size)}`}
                </span>
                {item.status === 'uploading' ? (
                  <span />
                ) : (
                  <button
                    type="button"
                    className="text-xs text-slate-500 dark:text-slate-400 hover:text-red-700"
                    aria-label={`Remove ${item.fileName}`}
                    onClick={() => uploader.remove(item.id)}
                  >
                    ✕
                  </button>
                )}
                {item.error ? (
                  <p role="alert" className="col-span-4 text-xs text-red-700 dark:text-red-300">
                    {item.fileName}: {item.error}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <div className="flex items-center gap-3 border-t border-slate-200 px-3 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <span className="w-32 shrink-0">Total</span>
            <ProgressBar
              value={uploader.uploaded}
              max={uploader.total}
              label="Total upload progress"
            />
            <span className="w-40 shrink-0 text-right">
              {formatBytes(uploader.uploaded)} / {formatBytes(uploader.total)} ·{' '}
              {uploader.items.length} file{uploader.items.length === 1 ? '' : 's'}
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
