import { Link } from 'react-router';

import type { ApiTokenView } from '@mlspace/core';

import type { Route } from './+types/admin.tokens';
import { tokenDetailColumns, tokenStatusLabel } from '../components/api-tokens/token-views';
import { crumb } from '../components/breadcrumbs';
import { useConfirm } from '../components/confirm-dialog';
import { ChoiceFilter, TextFilter } from '../components/list/filters';
import {
  cursorOf,
  parseListState,
  type ListSpec,
  type ListState,
} from '../components/list/list-state';
import { ResourceTable, type Column } from '../components/list/resource-table';
import { useList } from '../components/list/use-list';
import { Badge, Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { errorMessage } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

/**
 * Everyone's tokens by creation time (one Query on the kind's partition), or one user's (their
 * owner partition); the kind picks personal tokens or notebooks' credentials.
 */
const tokenListSpec: ListSpec<'owner' | 'kind'> = {
  filters: {
    owner: { kind: 'text', maxLength: 64, pattern: /^[A-Za-z0-9._@-]+$/ },
    kind: { kind: 'choice', values: ['personal', 'notebook'] },
  },
  sortable: { created: 'desc' },
  defaultSort: { column: 'created', direction: 'desc' },
};

function tokenListInput(state: ListState<'owner' | 'kind'>, limit: number) {
  return {
    cursor: cursorOf(state),
    limit,
    owner: state.filters.owner.toLowerCase() || undefined,
    kind: state.filters.kind as 'personal' | 'notebook',
    order: state.sort?.direction === 'asc' ? ('oldest' as const) : ('newest' as const),
  };
}

export const meta: Route.MetaFunction = () => [{ title: 'API tokens · MLSpace' }];

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    const state = parseListState(tokenListSpec, url.searchParams);
    return [utils.apiTokens.list.prefetch(tokenListInput(state, limit))];
  });

export const handle = crumb(() => ({ label: 'API tokens' }));

export default function AdminTokens() {
  const { user: me } = useRootData();
  const list = useList(tokenListSpec);
  const limit = me?.preferences.pageSize ?? 25;
  const timeZone = me?.preferences.timezone ?? 'UTC';
  const utils = trpc.useUtils();
  const page = trpc.apiTokens.list.useQuery(tokenListInput(list.state, limit));
  const revoke = trpc.apiTokens.adminRevoke.useMutation({
    onSuccess: () => utils.apiTokens.list.invalidate(),
  });
  const confirm = useConfirm();
  const now = new Date();

  const columns: Column<ApiTokenView>[] = [
    {
      key: 'name',
      header: 'Token',
      render: (row) => {
        const status = tokenStatusLabel(row, now);
        return (
          <div>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{row.name}</span>
              <Badge tone={status.tone}>{status.label}</Badge>
            </div>
            <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{row.id}</div>
          </div>
        );
      },
    },
    {
      key: 'owner',
      header: 'Owner',
      render: (row) => (
        <Link
          to={`/admin/users/${encodeURIComponent(row.owner)}`}
          className="text-brand-700 hover:underline dark:text-brand-100"
        >
          {row.owner}
        </Link>
      ),
    },
    ...tokenDetailColumns(timeZone),
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) =>
        tokenStatusLabel(row, now).label === 'Active' ? (
          <Button
            variant="danger"
            aria-label={`Revoke ${row.owner}'s token ${row.name}`}
            disabled={revoke.isPending}
            onClick={() =>
              confirm.ask({
                title: `Revoke ${row.owner}'s token ${row.name}?`,
                description: `Whatever uses this token is refused from its next call, and ${row.owner} must create a new one. The revocation is recorded in the audit trail.`,
                confirmLabel: `Revoke ${row.name}`,
                action: () => revoke.mutateAsync({ id: row.id }),
              })
            }
          >
            Revoke
          </Button>
        ) : row.revokedBy ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">by {row.revokedBy}</span>
        ) : null,
    },
  ];

  return (
    <div>
      <PageHeader
        title="API tokens"
        description="Everyone's API tokens, newest first, and the short-lived credentials MLSpace gives running notebooks. Secrets are never stored: only who holds a token, what it may do and when it was used. Revoke a token that should no longer work."
      />
      <div className="mb-4">
        <ErrorNote message={errorMessage(page.error ?? revoke.error)} />
      </div>
      <ResourceTable
        caption="API tokens"
        columns={columns}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.id}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={limit}
        empty={{
          message: list.state.filters.owner
            ? `${list.state.filters.owner} has no tokens of this kind.`
            : 'Nobody has created an API token yet. People create them on their Preferences page.',
        }}
        toolbar={
          <>
            <TextFilter list={list} name="owner" label="Owner" placeholder="A username" />
            <ChoiceFilter
              list={list}
              name="kind"
              label="Kind"
              options={[
                { value: 'personal', label: 'Personal tokens' },
                { value: 'notebook', label: 'Notebook credentials' },
              ]}
            />
          </>
        }
      />
      {confirm.dialog}
    </div>
  );
}
