/**
 * Superseded by the list kit (`components/list`): every list page builds on `ResourceTable` and
 * `useList`, with its view in the URL. What is left here serves the detail pages and the dashboard
 * until they move (their in-page tables: a tuning job's training jobs, a dataset's files, output
 * files); new code does not import it.
 */
import { useMemo, useState, type ReactNode } from 'react';

import { useHydrated } from './use-hydrated';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  /** A value to sort by; columns without one are not sortable. */
  sortValue?: (row: Row) => string | number | boolean | null;
  className?: string;
}

interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  loading?: boolean;
  emptyText: string;
  toolbar?: ReactNode;
  pager?: ReactNode;
}

/** A table that sorts the loaded page by any sortable column; paging and filtering come from the caller. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  loading,
  emptyText,
  toolbar,
  pager,
}: DataTableProps<Row>) {
  const [sort, setSort] = useState<{ key: string; direction: 1 | -1 } | null>(null);
  const hydrated = useHydrated();
  const sorted = useMemo(() => {
    const column = columns.find((candidate) => candidate.key === sort?.key);
    if (!sort || !column?.sortValue) return rows;
    const value = column.sortValue;
    return [...rows].sort((a, b) => {
      const left = value(a) ?? '';
      const right = value(b) ?? '';
      return (left < right ? -1 : left > right ? 1 : 0) * sort.direction;
    });
  }, [rows, columns, sort]);

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      {toolbar ? (
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 p-3 dark:border-slate-800">
          {toolbar}
        </div>
      ) : null}
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900/60">
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={
                    active ? (sort.direction === 1 ? 'ascending' : 'descending') : undefined
                  }
                  className={`px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400 ${column.className ?? ''}`}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      disabled={!hydrated}
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-800 dark:hover:text-slate-200"
                      onClick={() =>
                        setSort(
                          active && sort.direction === 1
                            ? { key: column.key, direction: -1 }
                            : { key: column.key, direction: 1 },
                        )
                      }
                    >
                      {column.header}
                      <span aria-hidden className="text-[10px]">
                        {active ? (sort.direction === 1 ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {sorted.map((row) => (
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
          {!loading && rows.length === 0 ? (
            <tr>
              <td
                colSpan={columns.length}
                className="px-4 py-10 text-center text-slate-600 dark:text-slate-400"
              >
                {emptyText}
              </td>
            </tr>
          ) : null}
          {loading ? (
            <tr>
              <td
                colSpan={columns.length}
                className="px-4 py-10 text-center text-slate-600 dark:text-slate-400"
              >
                Loading…
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {pager ? (
        <div className="flex items-center justify-between border-t border-slate-200 px-4 py-2 dark:border-slate-800">
          {pager}
        </div>
      ) : null}
    </div>
  );
}

/** Cursor paging: keeps the cursors of earlier pages so "Previous" works with opaque cursors. */
export function useCursorPager() {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  return {
    cursor,
    page: cursors.length,
    next: (nextCursor: string | null) =>
      nextCursor && setCursors((stack) => [...stack, nextCursor]),
    previous: () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
    reset: () => setCursors([null]),
  };
}

export function Pager({
  page,
  hasNext,
  onNext,
  onPrevious,
}: {
  page: number;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
}) {
  const hydrated = useHydrated();
  const buttonClass =
    'rounded-md border border-slate-300 px-3 py-1 text-sm disabled:opacity-40 dark:border-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800';
  return (
    <>
      <span className="text-xs text-slate-600 dark:text-slate-400">Page {page}</span>
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={!hydrated || page <= 1}
          onClick={onPrevious}
        >
          Previous
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={!hydrated || !hasNext}
          onClick={onNext}
        >
          Next
        </button>
      </div>
    </>
  );
}
