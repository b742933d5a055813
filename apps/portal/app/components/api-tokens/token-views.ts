import { apiTokenStatus, type ApiTokenView } from '@mlspace/core';

import type { ListSpec, ListState } from '../list/list-state';
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
