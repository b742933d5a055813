import { useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';

const adminLinks = [
  { to: '/admin/projects', label: 'All projects' },
  { to: '/admin/groups', label: 'Groups' },
  { to: '/admin/audit', label: 'Audit trail' },
  { to: '/admin/reports', label: 'Reports' },
  { to: '/admin/config', label: 'Configuration' },
  { to: '/admin/deployment', label: 'Deployment' },
];

/** Admin pages that do not need a top-level link, in one dropdown; closes on navigation. */
export function AdminMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname]);
  return (
    <details ref={menu} className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800">
        Admin ▾
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-44 rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
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
    </details>
  );
}
