import { useState } from 'react';
import { Link, useNavigate, useRevalidator } from 'react-router';

import type { Route } from './+types/admin.config.history';
import { ConfigDiffList } from '../components/config-diff-list';
import { useConfirm } from '../components/confirm-dialog';
import { cursorOf, pagesOnly, parseListState } from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { Badge, Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { diffConfig } from '../utils/config-diff';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type VersionRow = Outputs['config']['history']['items'][number];

export const meta: Route.MetaFunction = () => [{ title: 'Configuration history · MLSpace' }];

/** Versions come newest first, the order of their key. */
const historyListSpec = pagesOnly();

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    const cursor = cursorOf(parseListState(historyListSpec, url.searchParams));
    return [utils.config.get.prefetch(), utils.config.history.prefetch({ cursor, limit })];
  });

export const handle = crumb(() => [
  { label: 'Configuration', to: '/admin/config' },
  { label: 'History' },
]);

export default function ConfigHistory() {
  const { user } = useRootData();
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const list = useList(historyListSpec);
  const utils = trpc.useUtils();
  const limit = user?.preferences.pageSize ?? 25;
  const current = trpc.config.get.useQuery();
  const history = trpc.config.history.useQuery({ cursor: list.cursor, limit });
  const [selected, setSelected] = useState<VersionRow | null>(null);
  const confirm = useConfirm();
  const rollback = trpc.config.rollback.useMutation({
    onSuccess: async () => {
      setSelected(null);
      // The rollback is the newest version now: show the first page, where it is.
      if (list.page > 1) void navigate(list.clearFiltersHref(), { preventScrollReset: true });
      await utils.config.invalidate();
      void revalidator.revalidate();
    },
  });
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const currentVersion = current.data?.version;

  const columns: Column<VersionRow>[] = [
    {
      key: 'version',
      header: 'Version',
      render: (row) => (
        <span className="flex items-center gap-2">
          {row.version}
          {row.version === currentVersion ? <Badge tone="green">Current</Badge> : null}
        </span>
      ),
    },
    {
      key: 'when',
      header: 'When',
      render: (row) => formatDateTime(row.changedAt, timeZone),
    },
    {
      key: 'who',
      header: 'Who',
      render: (row) => row.changedBy,
    },
    { key: 'why', header: 'Why', render: (row) => row.reason },
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) => (
        <Button
          // The name starts with the words on the button, as speech input expects.
          aria-label={`${row.version === currentVersion ? 'View' : 'Compare / roll back'} version ${row.version}`}
          onClick={() => {
            rollback.reset();
            setSelected(row);
          }}
        >
          {row.version === currentVersion ? 'View' : 'Compare / roll back'}
        </Button>
      ),
    },
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Configuration history"
        description="Every version, who saved it, when and why. A rollback writes a new version equal to an old one."
        actions={
          <Link
            to="/admin/config"
            className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            ← Back to the configuration
          </Link>
        }
      />
      <ErrorNote message={errorMessage(history.error ?? current.error)} />
      {selected && current.data ? (
        <section
          aria-label={`Version ${selected.version}`}
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="font-semibold">
            Version {selected.version} compared with the current version {current.data.version}
          </h2>
          <ConfigDiffList changes={diffConfig(current.data.config, selected.config)} />
          <ErrorNote message={errorMessage(rollback.error)} />
          <div className="flex gap-2">
            {selected.version !== current.data.version ? (
              <Button
                variant="primary"
                disabled={rollback.isPending}
                onClick={() =>
                  confirm.ask({
                    title: `Roll back to version ${selected.version}?`,
                    description: `The configuration becomes what version ${selected.version} was, saved as version ${current.data.version + 1}: every change listed here applies to everyone at once, including services it activates or deactivates.`,
                    confirmLabel: `Roll back to version ${selected.version}`,
                    tone: 'primary',
                    action: () =>
                      rollback.mutateAsync({
                        toVersion: selected.version,
                        expectedVersion: current.data.version,
                      }),
                  })
                }
              >
                Roll back to version {selected.version}
              </Button>
            ) : null}
            <Button onClick={() => setSelected(null)}>Close</Button>
          </div>
        </section>
      ) : null}
      <ResourceTable
        caption="Configuration versions"
        columns={columns}
        rows={history.data?.items ?? []}
        rowKey={(row) => String(row.version)}
        loading={history.isLoading}
        list={list}
        nextCursor={history.data?.cursor}
        pageSize={limit}
        empty={{ message: 'No configuration has been saved yet.' }}
      />
      {confirm.dialog}
    </div>
  );
}
