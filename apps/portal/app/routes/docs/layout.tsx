import { NavLink, Outlet } from 'react-router';

import { crumb } from '../../components/breadcrumbs';
import { guidePages } from '../../components/guide/guide-pages';

export const handle = crumb(() => ({ label: 'Guide', to: '/docs' }));

/** The user guide: its pages listed beside the one being read (above it on a narrow screen). */
export default function GuideLayout() {
  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="Guide" className="lg:sticky lg:top-4 lg:self-start">
        <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          User guide
        </p>
        <ul className="flex flex-wrap gap-1 lg:flex-col">
          {guidePages.map((page) => (
            <li key={page.slug}>
              <NavLink
                to={`/docs/${page.slug}`}
                className={({ isActive }) =>
                  `block rounded-md px-3 py-1.5 text-sm ${
                    isActive
                      ? 'bg-brand-50 font-medium text-brand-700 dark:bg-slate-800 dark:text-white'
                      : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
                  }`
                }
              >
                {page.title}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}
