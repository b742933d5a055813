import { useState } from 'react';

import type { Route } from './+types/admin.reports';
import { useConfirm } from '../components/confirm-dialog';
import { cursorOf, pagesOnly, parseListState } from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { ReportForm } from '../components/report-form';
import { useList } from '../components/list/use-list';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type ReportRow = Outputs['reports']['list']['items'][number];

export const meta: Route.MetaFunction = () => [{ title: 'Reports · MLSpace' }];

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** Reports come newest first, the order of their key. */
const reportListSpec = pagesOnly();

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    const cursor = cursorOf(parseListState(reportListSpec, url.searchParams));
    return [utils.reports.list.prefetch({ cursor, limit })];
  });

export const handle = crumb(() => ({ label: 'Reports' }));

export default function AdminReports() {
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const list = useList(reportListSpec);
  const limit = user?.preferences.pageSize ?? 25;
  const utils = trpc.useUtils();
  const page = trpc.reports.list.useQuery({ cursor: list.cursor, limit });
  const [notice, setNotice] = useState<string | null>(null);
  const confirm = useConfirm();
  const onGenerated = async (report: ReportRow) => {
    const noun = report.name.includes('-personnel-')
      ? 'users'
      : report.name.includes('-model-usage-')
        ? 'rows of usage'
        : 'resources';
    setNotice(
      `Report ${report.name} generated with ${report.rowCount} ${noun}: ${report.description}.`,
    );
    await utils.reports.list.invalidate();
  };
  const download = trpc.reports.download.useMutation({
    onSuccess: ({ url }) => {
      window.location.assign(url);
    },
  });
  const remove = trpc.reports.delete.useMutation({
    onSuccess: async (_result, input) => {
      setNotice(`Report ${input.name} deleted.`);
      await utils.reports.list.invalidate();
    },
  });

  const columns: Column<ReportRow>[] = [
    {
      key: 'name',
      header: 'Report',
      render: (row) => <span className="font-mono text-xs">{row.name}</span>,
    },
    {
      key: 'description',
      header: 'Covers',
      render: (row) => row.description,
    },
    {
      key: 'createdAt',
      header: 'Generated',
      render: (row) => formatDateTime(row.createdAt, timeZone),
    },
    {
      key: 'createdBy',
      header: 'By',
      render: (row) => row.createdBy,
    },
    {
      key: 'rows',
      header: 'Rows',
      render: (row) => row.rowCount,
    },
    {
      key: 'size',
      header: 'Size',
      render: (row) => size(row.sizeBytes),
    },
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) => (
        <div className="flex justify-end gap-2">
          <Button
            onClick={() => download.mutate({ name: row.name })}
            disabled={download.isPending}
            aria-label={`Download ${row.name}`}
          >
            Download
          </Button>
          <Button
            variant="danger"
            onClick={() =>
              confirm.ask({
                title: `Delete report ${row.name}?`,
                description:
                  'The CSV file is deleted for every administrator. This cannot be undone.',
                confirmLabel: `Delete report ${row.name}`,
                action: () => remove.mutateAsync({ name: row.name }),
              })
            }
            disabled={remove.isPending}
            aria-label={`Delete ${row.name}`}
          >
            Delete
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Reports"
        description="CSV reports of resources (all, by project or by user: kind, name, project, owner, instances, status, times) and of personnel."
      />
      <ReportForm onGenerated={onGenerated} />
      {notice ? (
        <p
          role="status"
          className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          {notice}
        </p>
      ) : null}
      <ErrorNote message={errorMessage(page.error ?? download.error ?? remove.error)} />
      <ResourceTable
        caption="Generated reports, newest first"
        columns={columns}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        // The page's own Generate button sits right above; the empty list points to it.
        empty={{
          message: 'No reports yet. Generate one (above) to download a CSV.',
        }}
      />
      {confirm.dialog}
    </div>
  );
}
