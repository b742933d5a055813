import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';

import type { Route } from './+types/datasets.detail';
import { DataTable, Pager, useCursorPager, type Column } from '../components/data-table';
import {
  DatasetUploadPanel,
  useDatasetUploader,
  type DatasetRef,
} from '../components/dataset-uploader';
import { Badge, Button, ErrorNote } from '../components/ui';
import { DetailPage, DetailSection, FactsGrid, type Fact } from '../components/detail/detail-page';
import { useConfirm } from '../components/confirm-dialog';
import { ServiceDeactivated } from '../components/service-deactivated';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { scopeLabel, type DatasetScope } from '../utils/datasets';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { formatBytes } from '../utils/upload';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type FileRow = Outputs['datasets']['files']['items'][number];

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const ref: DatasetRef = {
      scope: params.scope as DatasetScope,
      scopeId: 'scopeId' in params ? params.scopeId : undefined,
      name: params.name,
    };
    return [
      utils.datasets.get.prefetch(ref),
      utils.datasets.files.prefetch({
        ref,
        cursor: null,
        limit: activeUser(context).preferences.pageSize,
      }),
    ];
  });

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name ?? 'Dataset'} · MLSpace` },
];

/** `of` names what is copied when several copy buttons share a page; the name keeps the visible words. */
function CopyButton({ text, of }: { text: string; of?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      aria-label={of ? `Copy S3 URI of ${of}` : undefined}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? 'Copied' : 'Copy S3 URI'}
    </Button>
  );
}

/** Who a group dataset is shared with; the creator may add only groups they belong to. */
function SharingEditor({
  datasetRef,
  current,
  description,
}: {
  datasetRef: DatasetRef;
  current: string[];
  description: string;
}) {
  const utils = trpc.useUtils();
  const mine = trpc.datasets.shareableGroups.useQuery();
  const [groups, setGroups] = useState(current);
  const update = trpc.datasets.update.useMutation({
    onSuccess: () => utils.datasets.get.invalidate(),
  });
  const choices = [...new Set([...current, ...(mine.data ?? [])])].sort();
  const changed = JSON.stringify([...groups].sort()) !== JSON.stringify([...current].sort());
  return (
    <section
      aria-label="Sharing"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-lg font-semibold">Shared with groups</h2>
      <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-400">
        Members of these groups can read the dataset and add files. You can add only groups you
        belong to.
      </p>
      <div className="flex flex-wrap gap-3 text-sm">
        {choices.map((group) => (
          <label
            key={group}
            className="flex items-center gap-2 rounded-md border border-slate-200 px-2 py-1 dark:border-slate-700"
          >
            <input
              type="checkbox"
              checked={groups.includes(group)}
              onChange={() =>
                setGroups((list) =>
                  list.includes(group) ? list.filter((item) => item !== group) : [...list, group],
                )
              }
            />
            {group}
          </label>
        ))}
      </div>
      <div className="mt-3 space-y-2">
        <ErrorNote message={errorMessage(update.error)} />
        <Button
          variant="primary"
          disabled={!changed || groups.length === 0 || update.isPending}
          onClick={() => update.mutate({ ref: datasetRef, description, groups })}
        >
          Save sharing
        </Button>
      </div>
    </section>
  );
}

export const handle = crumb(({ params }) => [
  { label: 'Datasets', to: '/datasets' },
  { label: params.name ?? '' },
]);

export default function DatasetDetail() {
  const params = useParams();
  const navigate = useNavigate();
  const { user } = useRootData();
  const ref: DatasetRef = {
    scope: params.scope as DatasetScope,
    scopeId: params.scopeId,
    name: params.name ?? '',
  };
  const utils = trpc.useUtils();
  const detail = trpc.datasets.get.useQuery(ref);
  const pager = useCursorPager();
  const [filter, setFilter] = useState('');
  const files = trpc.datasets.files.useQuery(
    { ref, cursor: pager.cursor, limit: user?.preferences.pageSize ?? 25 },
    { enabled: detail.isSuccess },
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState(false);
  const [description, setDescription] = useState('');
  const confirm = useConfirm();
  const active = useServiceActive('datasets');
  const uploader = useDatasetUploader();
  const refreshFiles = async () => {
    setSelected([]);
    await utils.datasets.files.invalidate();
  };
  const update = trpc.datasets.update.useMutation({
    onSuccess: async () => {
      setEditing(false);
      await utils.datasets.get.invalidate();
    },
  });
  const deleteFiles = trpc.datasets.deleteFiles.useMutation({ onSuccess: refreshFiles });
  const download = trpc.datasets.downloadUrl.useMutation({
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const remove = trpc.datasets.delete.useMutation({
    onSuccess: async () => {
      await utils.datasets.list.invalidate();
      void navigate('/datasets');
    },
  });
  const timeZone = user?.preferences.timezone ?? 'UTC';

  if (detail.error) return <ErrorNote message={errorMessage(detail.error)} />;
  if (!detail.data) return <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>;
  const { dataset } = detail.data;
  // While datasets are deactivated what exists stays readable and downloadable, nothing more.
  const permissions = active
    ? detail.data.permissions
    : { ...detail.data.permissions, edit: false, upload: false };
  const needle = filter.trim().toLowerCase();
  const rows = (files.data?.items ?? []).filter(
    (row) => !needle || row.name.toLowerCase().includes(needle),
  );

  const columns: Column<FileRow>[] = [
    ...(permissions.edit
      ? [
          {
            key: 'select',
            header: '',
            render: (row: FileRow) => (
              <input
                type="checkbox"
                aria-label={`Select ${row.name}`}
                checked={selected.includes(row.name)}
                onChange={() =>
                  setSelected((current) =>
                    current.includes(row.name)
                      ? current.filter((name) => name !== row.name)
                      : [...current, row.name],
                  )
                }
              />
            ),
          },
        ]
      : []),
    {
      key: 'name',
      header: 'File',
      sortValue: (row) => row.name,
      render: (row) => <span className="font-mono text-xs">{row.name}</span>,
    },
    {
      key: 'size',
      header: 'Size',
      sortValue: (row) => row.size,
      render: (row) => formatBytes(row.size),
    },
    {
      key: 'modified',
      header: 'Last modified',
      sortValue: (row) => row.lastModified,
      render: (row) => formatDateTime(row.lastModified, timeZone),
    },
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) => (
        <div className="flex justify-end gap-2">
          <Button
            aria-label={`Download ${row.name}`}
            onClick={() => download.mutate({ ref, fileName: row.name })}
          >
            Download
          </Button>
          <CopyButton text={row.s3Uri} of={row.name} />
        </div>
      ),
    },
  ];

  const descriptionValue = editing ? (
    <span className="flex flex-wrap items-start gap-2">
      <textarea
        aria-label="Description"
        value={description}
        maxLength={254}
        rows={2}
        onChange={(event) => setDescription(event.target.value)}
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 sm:min-w-80 dark:border-slate-700 dark:bg-slate-950"
      />
      <Button
        variant="primary"
        disabled={update.isPending}
        onClick={() => update.mutate({ ref, description })}
      >
        Update dataset
      </Button>
      <Button onClick={() => setEditing(false)}>Cancel</Button>
    </span>
  ) : (
    dataset.description || '—'
  );
  const facts: Fact[] = [
    { label: 'Name', value: dataset.name },
    { label: 'Access level', value: scopeLabel(dataset) },
    { label: 'Type', value: dataset.type },
    { label: 'Created by', value: dataset.createdBy },
    { label: 'Created', value: formatDateTime(dataset.createdAt, timeZone) },
    { label: 'Description', value: descriptionValue, wide: true },
    { label: 'Location', value: dataset.location, wide: true },
  ];

  return (
    <DetailPage
      title={dataset.name}
      kind={`${dataset.type} dataset`}
      actions={
        <>
          <CopyButton text={dataset.location} />
          {permissions.edit ? (
            <Button
              onClick={() => {
                setDescription(dataset.description);
                setEditing(true);
              }}
            >
              Edit description
            </Button>
          ) : null}
          {permissions.edit ? (
            <Button
              variant="danger"
              onClick={() =>
                confirm.ask({
                  title: `Delete dataset ${dataset.name}?`,
                  description:
                    'The dataset and every file in it are deleted, for everyone who can see it. Jobs that read from it will fail. This cannot be undone.',
                  confirmLabel: `Delete dataset ${dataset.name}`,
                  action: () => remove.mutateAsync(ref),
                })
              }
            >
              Delete dataset
            </Button>
          ) : null}
        </>
      }
    >
      <ServiceDeactivated service="datasets" />
      <FactsGrid facts={facts} />
      <ErrorNote message={errorMessage(update.error)} />

      {dataset.scope === 'group' && permissions.edit ? (
        <SharingEditor
          key={dataset.groups.join(',')}
          datasetRef={ref}
          current={dataset.groups}
          description={dataset.description}
        />
      ) : null}

      {permissions.upload ? (
        <section
          aria-label="Upload files"
          className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="mb-3 text-lg font-semibold">Upload files</h2>
          <DatasetUploadPanel uploader={uploader} />
          {uploader.items.some((item) => item.status !== 'done') ? (
            <Button
              variant="primary"
              className="mt-3"
              disabled={uploader.busy}
              onClick={() =>
                void uploader.uploadAll(ref).then(async () => {
                  uploader.clearDone();
                  await refreshFiles();
                })
              }
            >
              {uploader.busy ? 'Uploading…' : 'Upload'}
            </Button>
          ) : null}
        </section>
      ) : null}

      <DetailSection title="Files">
        <section aria-label="Dataset Browser">
          <ErrorNote message={errorMessage(files.error ?? deleteFiles.error ?? download.error)} />
          <DataTable
            caption="Files"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.name}
            loading={files.isLoading}
            emptyText={
              (files.data?.items.length ?? 0) > 0
                ? 'No files on this page match the filter.'
                : 'No Entries exist'
            }
            toolbar={
              <>
                <input
                  type="search"
                  aria-label="Filter files"
                  placeholder="Filter files on this page"
                  value={filter}
                  onChange={(event) => setFilter(event.target.value)}
                  className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
                />
                {permissions.edit ? (
                  <Button
                    variant="danger"
                    disabled={selected.length === 0 || deleteFiles.isPending}
                    onClick={() =>
                      confirm.ask({
                        title: `Delete ${selected.length === 1 ? selected[0] : `${selected.length} files`} from ${dataset.name}?`,
                        description: `${selected.length === 1 ? 'The file is' : 'The files are'} deleted from the dataset for everyone who can see it. This cannot be undone.`,
                        confirmLabel: `Delete ${selected.length} file${selected.length === 1 ? '' : 's'}`,
                        action: () => deleteFiles.mutateAsync({ ref, fileNames: selected }),
                      })
                    }
                  >
                    Delete{' '}
                    {selected.length > 0
                      ? `${selected.length} file${selected.length === 1 ? '' : 's'}`
                      : 'files'}
                  </Button>
                ) : null}
                {files.isFetching ? <Badge tone="slate">Refreshing…</Badge> : null}
              </>
            }
            pager={
              <Pager
                page={pager.page}
                hasNext={Boolean(files.data?.cursor)}
                onNext={() => pager.next(files.data?.cursor ?? null)}
                onPrevious={pager.previous}
              />
            }
          />
        </section>
      </DetailSection>
      {confirm.dialog}
    </DetailPage>
  );
}
