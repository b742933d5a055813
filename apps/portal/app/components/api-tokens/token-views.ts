import { apiTokenStatus, type ApiTokenView } from '@mlspace/core';

import type { ListSpec, ListState } from '../list/list-state';
import type { Column } from '../list/resource-table';
import { formatDateTime } from '../../utils/format';
import { cursorOf } from '../list/list-state';

/** Tokens come newest first by creation time (the key's order); the API reads either direction. */
export const myTokenListSpec: ListSpec<never> = {
  prefix: 'tokens-',
  filters: {},
  sortable: { created: 'desc' },
  defaultSort: { column: 'created', direction: 'desc' },
};

export function myTokenListInput(state: ListState<never>, limit: number) {
  return {
    cursor: cursorOf(state),
    limit,
    order: state.sort?.direction === 'asc' ? ('oldest' as const) : ('newest' as const),
  };
}

export function tokenStatusLabel(
  token: ApiTokenView,
  now: Date,
): {
  label: string;
  tone: 'green' | 'amber' | 'red';
} {
  const status = apiTokenStatus(token, now);
  if (status === 'revoked') return { label: 'Revoked', tone: 'red' };
  if (status === 'expired') return { label: 'Expired', tone: 'amber' };
  return { label: 'Active', tone: 'green' };
}

export function tokenReach(token: ApiTokenView): string {
  return token.projects.length > 0 ? token.projects.join(', ') : 'All my projects';
}

/** What every token list shows of a token besides its name and owner: scope, reach and times. */
export function tokenDetailColumns(timeZone: string): Column<ApiTokenView>[] {
  return [
    {
      key: 'scope',
      header: 'Scope',
      render: (row) => (row.scope === 'write' ? 'Read and write' : 'Read only'),
    },
    { key: 'projects', header: 'Projects', render: tokenReach },
    { key: 'created', header: 'Created', render: (row) => formatDateTime(row.createdAt, timeZone) },
    { key: 'expires', header: 'Expires', render: (row) => formatDateTime(row.expiresAt, timeZone) },
    {
      key: 'used',
      header: 'Last used',
      render: (row) => (row.lastUsedAt ? formatDateTime(row.lastUsedAt, timeZone) : 'Never'),
    },
  ];
}
