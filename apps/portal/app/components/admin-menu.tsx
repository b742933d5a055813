import { NavLink } from 'react-router';

import { useDisclosure } from './use-disclosure';

export const adminLinks = [
  { to: '/admin/projects', label: 'All projects' },
  { to: '/admin/groups', label: 'Groups' },
  { to: '/admin/audit', label: 'Audit trail' },
  { to: '/admin/tokens', label: 'API tokens' },
  { to: '/admin/reports', label: 'Reports' },
  { to: '/admin/usage', label: 'Usage' },
  { to: '/admin/config', label: 'Configuration' },
  { to: '/admin/deployment', label: 'Deployment' },
];

/** Admin pages that do not need a top-level link, in one drop-down of links. */
export function AdminMenu() {
  const { containerRef, triggerProps, panelProps } = useDisclosure();
  return (
    <div ref={containerRef} className="relative">
      <button
        {...triggerProps}
        className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        Admin <span aria-hidden="true">▾</span>
      </button>
      <div
        {...panelProps}
        className="absolute right-0 z-20 mt-1 w-44 rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {adminLinks.map((link) => (
          <NavLink
            key={link.to}
            to={link.to}
            className={({ isActive }) =>
              `block px-3 py-1.5 text-sm ${isActive ? 'bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white' : 'hover:bg-slate-50 dark:hover:bg-slate-800'}`
            }
          >
            {link.label}
          </NavLink>
        ))}
      </div>
    </div>
  );
}
