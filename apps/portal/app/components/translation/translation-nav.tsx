import { NavLink, useParams } from 'react-router';

import { translatePath } from './paths';

/** The three pages of the Translation section, as tabs under the page header. */
export function TranslationNav() {
  const { project = '' } = useParams();
  const tabs = [
    { to: translatePath(project), label: 'Real-time', end: true },
    { to: translatePath(project, 'jobs'), label: 'Batch jobs', end: false },
    { to: translatePath(project, 'terminologies'), label: 'Terminologies', end: true },
  ];
  return (
    <nav
      aria-label="Translation"
      className="mb-4 flex gap-1 border-b border-slate-200 dark:border-slate-700"
    >
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end={tab.end}
          className={({ isActive }) =>
            `-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              isActive
                ? 'border-brand-600 text-brand-700 dark:text-brand-100'
                : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'
            }`
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
