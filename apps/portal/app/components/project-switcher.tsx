import { Link, NavLink, useParams } from 'react-router';

import { trpc } from '../utils/trpc';
import { useDisclosure } from './use-disclosure';

/**
 * The header's "current project" control: a button naming the open project and a panel of links
 * to the caller's projects. Links rather than a select that navigates on change, so arrowing
 * through the choices from the keyboard does not load each project in turn.
 */
export function ProjectSwitcher() {
  const { project } = useParams();
  const { containerRef, triggerProps, panelProps } = useDisclosure();
  const mine = trpc.projects.mine.useQuery({ limit: 100 }, { staleTime: 30_000 });
  const projects = mine.data?.items ?? [];
  const current = projects.find((item) => item.name === project);
  return (
    <div ref={containerRef} className="relative">
      <button
        {...triggerProps}
        className="flex max-w-56 items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
      >
        <span className="sr-only">Current project: </span>
        <span className="truncate">{current ? current.name : 'Projects'}</span>
        <span aria-hidden="true">▾</span>
      </button>
      <div
        {...panelProps}
        className="absolute left-0 z-30 mt-1 max-h-80 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {projects.length === 0 ? (
          <p className="px-3 py-1.5 text-sm text-slate-600 dark:text-slate-400">No projects yet.</p>
        ) : (
          <ul aria-label="Your projects">
            {projects.map((item) => (
              <li key={item.name}>
                <NavLink
                  to={`/projects/${encodeURIComponent(item.name)}`}
                  className={({ isActive }) =>
                    `block truncate px-3 py-1.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800 ${isActive ? 'font-semibold text-brand-700 dark:text-white' : ''}`
                  }
                >
                  {item.name}
                  {item.suspended ? ' (suspended)' : ''}
                </NavLink>
              </li>
            ))}
          </ul>
        )}
        <Link
          to="/projects/new"
          className="mt-1 block border-t border-slate-200 px-3 py-1.5 text-sm text-brand-700 hover:bg-slate-50 dark:border-slate-700 dark:text-brand-100 dark:hover:bg-slate-800"
        >
          Create a project
        </Link>
      </div>
    </div>
  );
}
