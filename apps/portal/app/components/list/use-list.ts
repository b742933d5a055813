import { useEffect, useMemo, useRef } from 'react';
import { useLocation, useNavigation, useSearchParams } from 'react-router';

import {
  cursorOf,
  isFiltered,
  listSearchParams,
  pageNumber,
  parseListState,
  withFilter,
  withNextPage,
  withPreviousPage,
  withSort,
  withoutFilters,
  type ListSpec,
  type ListState,
} from './list-state';

export interface ListControls<F extends string = string> {
  spec: ListSpec<F>;
  state: ListState<F>;
  cursor: string | null;
  page: number;
  filtered: boolean;
  /**
   * Sets a filter. While someone types (`typing`), the URL entry is replaced, not pushed, so Back
   * does not step through every letter; a choice pushes a new entry, as a view of its own.
   */
  // Method syntax: a table that only reads the view takes any list's controls.
  setFilter(name: F, value: string, options?: { typing?: boolean }): void;
  sortBy: (column: string) => void;
  /** Links (`?…`) to the neighbouring pages and to the unfiltered list. */
  nextHref: (cursor: string) => string;
  previousHref: () => string;
  clearFiltersHref: () => string;
}

/** A list's view, read from and written to the URL (see list-state.ts for why and how). */
export function useList<F extends string>(spec: ListSpec<F>): ListControls<F> {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(spec, params), [spec, params]);
  // The page stays on screen while a link's loaders run: a filter typed just before the click
  // must not land then and take the person back to the list.
  const { pathname } = useLocation();
  const pending = useNavigation().location;
  const leaving = useRef(false);
  useEffect(() => {
    leaving.current = pending !== undefined && pending.pathname !== pathname;
  }, [pending, pathname]);
  const go = (next: ListState<F>, replace: boolean) =>
    setParams((current) => listSearchParams(spec, next, current), {
      replace,
      preventScrollReset: true,
    });
  const href = (next: ListState<F>) => `?${listSearchParams(spec, next, params).toString()}`;
  return {
    spec,
    state,
    cursor: cursorOf(state),
    page: pageNumber(state),
    filtered: isFiltered(spec, state),
    setFilter: (name, value, options) => {
      if (options?.typing && leaving.current) return;
      go(withFilter(state, name, value), options?.typing ?? false);
    },
    sortBy: (column) => go(withSort(spec, state, column), false),
    nextHref: (cursor) => href(withNextPage(state, cursor)),
    previousHref: () => href(withPreviousPage(state)),
    clearFiltersHref: () => href(withoutFilters(spec, state)),
  };
}
