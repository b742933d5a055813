import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { useHydrated } from '../use-hydrated';

import { pageRange } from './list-state';
import type { ListControls } from './use-list';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  className?: string;
}

/** What an empty list says, and the next step it offers (a create link where the caller may). */
export interface EmptyState {
  message: string;
  action?: ReactNode;
}

interface ResourceTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  loading?: boolean;
  empty: EmptyState;
  /** The list's URL view; without it the table shows a complete list with no sort or pages. */
  list?: ListControls;
  /** The API's next-page cursor, when the list is paged. */
  nextCursor?: string | null;
  pageSize?: number;
  /** The list's size when the API knows it without counting. */
  total?: number;
  toolbar?: ReactNode;
}

/**
 * The one table of every list: sort headers and pages that live in the URL (`useList`), the
 * range shown ("Showing 26–50 of 120"), an empty state with its next step. On a narrow screen the
 * table scrolls inside its own box; the page never scrolls sideways.
 */
export function ResourceTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  loading,
  empty,
  list,
  nextCursor,
  pageSize,
  total,
  toolbar,
}: ResourceTableProps<Row>) {
  return (
    <div className="min-w-0 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      {toolbar ? (
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 p-3 dark:border-slate-800">
          {toolbar}
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 dark:bg-slate-900/60">
            <tr>
              {columns.map((column) => (
                <HeaderCell key={column.key} column={column} list={list} />
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((row) => (
              <tr key={rowKey(row)} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={`px-4 py-2.5 align-middle ${column.className ?? ''}`}
                  >
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td
                  colSpan={columns.length}
                  className="px-4 py-10 text-center text-slate-600 dark:text-slate-400"
                >
                  {loading ? 'Loading…' : <EmptyMessage empty={empty} list={list} />}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {loading && rows.length === 0 ? null : (
        <Footer
          caption={caption}
          list={list}
          shown={rows.length}
          nextCursor={nextCursor ?? null}
          pageSize={pageSize ?? rows.length}
          total={total}
        />
      )}
    </div>
  );
}

function HeaderCell<Row>({ column, list }: { column: Column<Row>; list?: ListControls }) {
  const sortable = list !== undefined && list.spec.sortable[column.key] !== undefined;
  const active = sortable && list.state.sort?.column === column.key;
  const direction = active ? list.state.sort?.direction : undefined;
  const hydrated = useHydrated();
  return (
    <th
      scope="col"
      aria-sort={
        direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined
      }
      className={`whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400 ${column.className ?? ''}`}
    >
      {sortable ? (
        <button
          type="button"
          disabled={!hydrated}
          className="inline-flex items-center gap-1 uppercase hover:text-slate-800 dark:hover:text-slate-200"
          onClick={() => list.sortBy(column.key)}
        >
          {column.header}
          <span aria-hidden className="text-[10px]">
            {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
          </span>
        </button>
      ) : (
        column.header
      )}
    </th>
  );
}

function EmptyMessage({ empty, list }: { empty: EmptyState; list?: ListControls }) {
  const linkClass = 'font-medium text-brand-700 underline dark:text-brand-100';
  if (list?.filtered)
    return (
      <p>
        Nothing matches these filters.{' '}
        <Link to={list.clearFiltersHref()} className={linkClass} preventScrollReset>
          Clear the filters
        </Link>
      </p>
    );
  if (list && list.page > 1)
    return (
      <p>
        This page is empty; the list changed since the link was made.{' '}
        <Link to={list.clearFiltersHref()} className={linkClass}>
          Go to the first page
        </Link>
      </p>
    );
  return (
    <div className="space-y-3">
      <p>{empty.message}</p>
      {empty.action ? <div className="flex justify-center">{empty.action}</div> : null}
    </div>
  );
}

function Footer({
  caption,
  list,
  shown,
  nextCursor,
  pageSize,
  total,
}: {
  caption: string;
  list?: ListControls;
  shown: number;
  nextCursor: string | null;
  pageSize: number;
  total?: number;
}) {
  if (!list) {
    if (shown === 0) return null;
    return (
      <div className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
        {shown} {shown === 1 ? 'item' : 'items'}
      </div>
    );
  }
  const range = pageRange(list.state, pageSize, shown, nextCursor !== null, total);
  if (shown === 0 && list.page === 1) return null;
  const linkClass =
    'rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';
  const disabledClass =
    'rounded-md border border-slate-200 px-3 py-1 text-sm text-slate-400 dark:border-slate-800 dark:text-slate-500';
  return (
    <nav
      aria-label={`Pages of ${caption.toLowerCase()}`}
      className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-2 dark:border-slate-800"
    >
      <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {shown === 0
          ? `Page ${list.page}`
          : `Showing ${range.from}–${range.to} of ${range.total ?? 'more'}`}
      </span>
      <div className="flex gap-2">
        {list.page > 1 ? (
          <Link to={list.previousHref()} className={linkClass} preventScrollReset>
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass}>
            Previous
          </span>
        )}
        {nextCursor ? (
          <Link to={list.nextHref(nextCursor)} className={linkClass} preventScrollReset>
            Next
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass}>
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
