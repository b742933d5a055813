/**
 * A list's view (its filters, its sort and the page it shows) lives in the URL's search params, so
 * a link restores the exact view and Back/Forward move between views. This module is the one
 * translation between params and state; the route's loader and its component both read the view
 * through `parseListState`, so the query the loader prefetches is the query the page asks for.
 *
 * Params a hostile or stale link carries (unknown sort columns, values no filter offers, text too
 * long, cursors that are not cursors) fall back to the defaults: a list never fails to open.
 */

export type SortDirection = 'asc' | 'desc';

export interface ListSort {
  column: string;
  direction: SortDirection;
}

export type FilterSpec =
  /** Free text; `pattern` narrows it (a date), anything else falls back to empty. */
  | { kind: 'text'; maxLength?: number; pattern?: RegExp }
  /** One of fixed values; `values[0]` is the default (usually "all"). */
  | { kind: 'choice'; values: readonly string[] };

export interface ListSpec<FilterName extends string = string> {
  /** Prepended to every param when a page shows more than one list (`members-page`). */
  prefix?: string;
  filters: Record<FilterName, FilterSpec>;
  /** The columns the API can order the whole list by (never only the loaded page). */
  sortable: Partial<Record<string, SortDirection>>;
  /** The order the API returns without being asked; `null` when the list cannot be sorted. */
  defaultSort: ListSort | null;
}

export interface ListState<FilterName extends string = string> {
  filters: Record<FilterName, string>;
  sort: ListSort | null;
  /**
   * The cursors of every page after the first up to the one shown, oldest first. Cursors are the
   * API's opaque "after this item" keys, which only lead forward; keeping the trail in the URL
   * (`?page=c2.c3`) lets Previous drop the last one and still work when the link is opened fresh
   * in a new browser, with no history to go back through. Base64url cursors never hold a dot.
   */
  trail: string[];
}

const defaultTextLength = 100;
const cursorPattern = /^[A-Za-z0-9_-]{1,2048}$/;
/** A hundred pages deep is already far past where anyone pages by hand; beyond it start over. */
const maxTrail = 100;
const maxTrailLength = 16_000;
const trailSeparator = '.';

function param(spec: ListSpec, name: string): string {
  return `${spec.prefix ?? ''}${name}`;
}

function defaultFilter(filter: FilterSpec): string {
  return filter.kind === 'choice' ? (filter.values[0] ?? '') : '';
}

function parseFilter(filter: FilterSpec, raw: string | null): string {
  if (raw === null) return defaultFilter(filter);
  if (filter.kind === 'choice') return filter.values.includes(raw) ? raw : defaultFilter(filter);
  const value = raw.trim();
  // Control characters never belong in a filter; a link carrying them is not one we made.
  if (value.length > (filter.maxLength ?? defaultTextLength) || /\p{Cc}/u.test(value)) return '';
  if (filter.pattern && value !== '' && !filter.pattern.test(value)) return '';
  return value;
}

function parseSort(spec: ListSpec, raw: string | null): ListSort | null {
  if (raw === null || raw === '') return spec.defaultSort;
  const direction: SortDirection = raw.startsWith('-') ? 'desc' : 'asc';
  const column = raw.replace(/^-/, '');
  return Object.hasOwn(spec.sortable, column) ? { column, direction } : spec.defaultSort;
}

function parseTrail(raw: string | null): string[] {
  if (!raw || raw.length > maxTrailLength) return [];
  const cursors = raw.split(trailSeparator);
  if (cursors.length > maxTrail || !cursors.every((cursor) => cursorPattern.test(cursor)))
    return [];
  return cursors;
}

/** A list that only pages, in the order its key gives (reports, versions, groups by name). */
export function pagesOnly(prefix?: string): ListSpec<never> {
  return { prefix, filters: {}, sortable: {}, defaultSort: null };
}

export function defaultListState<F extends string>(spec: ListSpec<F>): ListState<F> {
  return parseListState(spec, new URLSearchParams());
}

/** The view a URL asks for, with every param it gets wrong replaced by its default. */
export function parseListState<F extends string>(
  spec: ListSpec<F>,
  params: URLSearchParams,
): ListState<F> {
  const filters = {} as Record<F, string>;
  for (const name of Object.keys(spec.filters) as F[]) {
    filters[name] = parseFilter(spec.filters[name], params.get(param(spec, name)));
  }
  return {
    filters,
    sort: parseSort(spec, params.get(param(spec, 'sort'))),
    trail: parseTrail(params.get(param(spec, 'page'))),
  };
}

/**
 * `current` with this list's params set to `state`; params of other lists on the page and
 * anything else in the URL are kept. Defaults are left out, so a list's plain URL has no query.
 */
export function listSearchParams<F extends string>(
  spec: ListSpec<F>,
  state: ListState<F>,
  current: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (name: string, value: string, fallback: string) => {
    if (value === fallback) next.delete(param(spec, name));
    else next.set(param(spec, name), value);
  };
  for (const name of Object.keys(spec.filters) as F[]) {
    set(name, state.filters[name], defaultFilter(spec.filters[name]));
  }
  set('sort', sortParam(state.sort), sortParam(spec.defaultSort));
  set('page', state.trail.join(trailSeparator), '');
  return next;
}

function sortParam(sort: ListSort | null): string {
  if (!sort) return '';
  return sort.direction === 'desc' ? `-${sort.column}` : sort.column;
}

/** The cursor the API takes for the page shown (`null`: the first page). */
export function cursorOf(state: ListState): string | null {
  return state.trail.at(-1) ?? null;
}

export function pageNumber(state: ListState): number {
  return state.trail.length + 1;
}

/** A filter changed: the old page position means nothing in the new result, so start over. */
export function withFilter<F extends string>(
  state: ListState<F>,
  name: NoInfer<F>,
  value: string,
): ListState<F> {
  return { ...state, filters: { ...state.filters, [name]: value }, trail: [] };
}

/** A sort header was pressed: the same column flips, another starts in its natural direction. */
export function withSort<F extends string>(
  spec: ListSpec<F>,
  state: ListState<F>,
  column: string,
): ListState<F> {
  const natural = spec.sortable[column];
  if (!natural) return state;
  const direction: SortDirection =
    state.sort?.column === column ? (state.sort.direction === 'asc' ? 'desc' : 'asc') : natural;
  return { ...state, sort: { column, direction }, trail: [] };
}

export function withNextPage<F extends string>(state: ListState<F>, cursor: string): ListState<F> {
  return { ...state, trail: [...state.trail, cursor] };
}

export function withPreviousPage<F extends string>(state: ListState<F>): ListState<F> {
  return { ...state, trail: state.trail.slice(0, -1) };
}

/** Whether any filter differs from its default (the empty state then offers to clear them). */
export function isFiltered<F extends string>(spec: ListSpec<F>, state: ListState<F>): boolean {
  return (Object.keys(spec.filters) as F[]).some(
    (name) => state.filters[name] !== defaultFilter(spec.filters[name]),
  );
}

export function withoutFilters<F extends string>(
  spec: ListSpec<F>,
  state: ListState<F>,
): ListState<F> {
  return { ...defaultListState(spec), sort: state.sort };
}

/**
 * The rows a page shows, as the pager words them. `total` is the list's size when the API can
 * count it cheaply; on the last page the size is known anyway (everything before plus this page).
 */
export function pageRange(
  state: ListState,
  pageSize: number,
  shown: number,
  hasNextPage: boolean,
  total?: number,
): { from: number; to: number; total: number | null } {
  const offset = state.trail.length * pageSize;
  return {
    from: shown === 0 ? offset : offset + 1,
    to: offset + shown,
    total: total ?? (hasNextPage ? null : offset + shown),
  };
}
