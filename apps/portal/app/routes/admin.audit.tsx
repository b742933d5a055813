import { instantOfWallTime } from '@mlspace/core';

import type { Route } from './+types/admin.audit';
import { ConfigDiffList } from '../components/config-diff-list';
import { ChoiceFilter, TextFilter } from '../components/list/filters';
import {
  cursorOf,
  parseListState,
  type ListSpec,
  type ListState,
} from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { readAuditEvent } from '../utils/audit-sentence';
import { errorMessage, formatDateTime } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

type EventRow = Outputs['audit']['list']['items'][number];
type AuditFilter = 'actor' | 'target' | 'name' | 'from' | 'to';

const targetTypes = [
  { value: 'any', label: 'Anything' },
  { value: 'project', label: 'Projects' },
  { value: 'group', label: 'Groups' },
  { value: 'user', label: 'Users' },
  { value: 'config', label: 'Configuration' },
  { value: 'dataset', label: 'Datasets' },
  { value: 'notebook', label: 'Notebooks' },
  { value: 'report', label: 'Reports' },
];

const wallTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Newest first is the audit trail's only order (its keys are time); filters narrow it. */
const auditListSpec: ListSpec<AuditFilter> = {
  filters: {
    actor: { kind: 'text', maxLength: 64 },
    target: { kind: 'choice', values: targetTypes.map((type) => type.value) },
    name: { kind: 'text', maxLength: 200 },
    from: { kind: 'text', pattern: wallTime },
    to: { kind: 'text', pattern: wallTime },
  },
  sortable: {},
  defaultSort: null,
};

/**
 * The API input for the view. Times are read in the caller's own time zone, on the server and in
 * the browser alike, so the loader prefetches exactly what the page asks for.
 */
function auditListInput(state: ListState<AuditFilter>, limit: number, timeZone: string) {
  const { actor, target, name, from, to } = state.filters;
  return {
    cursor: cursorOf(state),
    limit,
    actor: actor || undefined,
    targetType: target === 'any' ? undefined : target,
    targetId: target !== 'any' && name ? name : undefined,
    from: instantOfWallTime(from, timeZone)?.toISOString(),
    to: instantOfWallTime(to, timeZone)?.toISOString(),
  };
}

export const meta: Route.MetaFunction = () => [{ title: 'Audit trail · MLSpace' }];

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const { preferences } = activeUser(context);
    const state = parseListState(auditListSpec, url.searchParams);
    return [
      utils.audit.list.prefetch(auditListInput(state, preferences.pageSize, preferences.timezone)),
    ];
  });

export const handle = crumb(() => ({ label: 'Audit trail' }));

export default function AdminAudit() {
  const { user: me } = useRootData();
  const list = useList(auditListSpec);
  const timeZone = me?.preferences.timezone ?? 'UTC';
  const limit = me?.preferences.pageSize ?? 25;
  const page = trpc.audit.list.useQuery(auditListInput(list.state, limit, timeZone), {
    refetchInterval: 30_000,
  });

  const columns: Column<EventRow>[] = [
    // On a phone the time moves under the sentence, so the sentence and its diff get the width.
    {
      key: 'at',
      header: 'When',
      className: 'hidden whitespace-nowrap align-top sm:table-cell',
      render: (row) => formatDateTime(row.at, timeZone),
    },
    {
      key: 'what',
      header: 'What happened',
      className: 'align-top',
      render: (row) => <AuditEntry event={row} at={formatDateTime(row.at, timeZone)} />,
    },
  ];

  return (
    <div>
      <PageHeader title="Audit trail" description="Every change anyone made, newest first." />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error)} />
      </div>
      <ResourceTable
        caption="Audit events"
        columns={columns}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.id}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        empty={{ message: 'Nothing has been recorded yet.' }}
        toolbar={
          <>
            <TextFilter list={list} name="actor" label="Who" placeholder="Username" />
            <ChoiceFilter list={list} name="target" label="What" options={targetTypes} />
            <TextFilter
              list={list}
              name="name"
              label="Name"
              placeholder={list.state.filters.target === 'any' ? 'Choose what first' : 'Exact name'}
              disabled={list.state.filters.target === 'any'}
            />
            <TextFilter
              list={list}
              name="from"
              label={`From (${timeZone})`}
              type="datetime-local"
            />
            <TextFilter list={list} name="to" label={`To (${timeZone})`} type="datetime-local" />
          </>
        }
      />
    </div>
  );
}

/** `apiToken <id> (<name>)`, as the API records the token a change was made with. */
function credentialNote(via: string): string {
  const token = /^apiToken ([0-9a-f]+) \((.*)\)$/.exec(via);
  return token ? `With the API token “${token[2]}” (${token[1]})` : `With ${via}`;
}

/** One event: the sentence, and what changed, before and after, when the sentence does not say it. */
function AuditEntry({ event, at }: { event: EventRow; at: string }) {
  const { sentence, changes } = readAuditEvent(event);
  return (
    <div className="space-y-2">
      <p>{sentence}</p>
      {event.via ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">{credentialNote(event.via)}</p>
      ) : null}
      <p className="text-xs text-slate-600 sm:hidden dark:text-slate-400">{at}</p>
      {changes.length > 0 ? <ConfigDiffList changes={changes} /> : null}
    </div>
  );
}
