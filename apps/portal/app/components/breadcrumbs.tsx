import { Link, useMatches, type Params } from 'react-router';

export interface Crumb {
  label: string;
  /** Where the crumb leads; the matched route's own path when absent. */
  to?: string;
}

/**
 * What a route puts in its `handle` to appear in the breadcrumbs: its crumb, or the crumbs of the
 * sections it sits in followed by its own (a detail page whose list is a sibling route).
 */
export interface CrumbHandle {
  breadcrumb: (match: { params: Params; pathname: string; data: unknown }) => Crumb | Crumb[];
}

function crumbHandle(handle: unknown): CrumbHandle | null {
  const candidate = handle as Partial<CrumbHandle> | null | undefined;
  return typeof candidate?.breadcrumb === 'function' ? (candidate as CrumbHandle) : null;
}

/** A route's handle naming its crumb: `export const handle = crumb(({ params }) => ...)`. */
export function crumb(breadcrumb: CrumbHandle['breadcrumb']): CrumbHandle {
  return { breadcrumb };
}

/**
 * The one breadcrumb trail, under the header of every signed-in page: one crumb per matched route
 * whose handle names one, the last being the page itself.
 */
export function Breadcrumbs() {
  const crumbs = useMatches().flatMap((match) => {
    const handle = crumbHandle(match.handle);
    if (!handle) return [];
    const crumbs = handle.breadcrumb({
      params: match.params,
      pathname: match.pathname,
      data: match.loaderData,
    });
    return (Array.isArray(crumbs) ? crumbs : [crumbs]).map(({ label, to }, index) => ({
      id: `${match.id}:${index}`,
      label,
      to: to ?? match.pathname,
    }));
  });
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-slate-600 dark:text-slate-300">
        {crumbs.map((item, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={item.id} className="flex items-center gap-1">
              {index > 0 ? (
                <span aria-hidden="true" className="text-slate-400">
                  /
                </span>
              ) : null}
              {last ? (
                <span aria-current="page" className="font-medium text-slate-900 dark:text-white">
                  {item.label}
                </span>
              ) : (
                <Link to={item.to} className="text-brand-700 hover:underline dark:text-brand-100">
                  {item.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
