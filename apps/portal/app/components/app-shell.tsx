import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

import { useActiveServices } from '../utils/active-services';
import type { Outputs } from '../utils/trpc';
import { mlKinds } from './ml/kinds';
import { AdminMenu } from './admin-menu';
import { SystemBanner, type BannerSettings } from './banner';
import { ProjectSwitcher } from './project-switcher';
import { SignOutButton } from './sign-out-button';

type User = Outputs['me']['get'];

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-1.5 text-sm font-medium ${
    isActive
      ? 'bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white'
      : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800'
  }`;

export function AppShell({
  user,
  banner,
  children,
}: {
  user: User | null;
  banner: BannerSettings | null;
  children: ReactNode;
}) {
  const navigable = user && !user.suspended;
  // A deactivated service has no nav link; "Jobs & models" stays while any ML kind is active.
  const services = useActiveServices();
  const anyMlService = mlKinds.some((kind) => services[kind.service]);
  return (
    <div className="flex min-h-screen flex-col">
      <SystemBanner banner={banner} position="top" />
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <a href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <span className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">
              ML
            </span>
            MLSpace
          </a>
          {navigable ? (
            <>
              <div id="project-switcher" className="min-w-0">
                <ProjectSwitcher />
              </div>
              {/* On a narrow screen the links take a row of their own below the account controls. */}
              <nav
                aria-label="Main"
                className="order-last flex w-full flex-wrap items-center gap-1 lg:order-none lg:w-auto"
              >
                <NavLink to="/" end className={linkClass}>
                  Dashboard
                </NavLink>
                {services.notebooks ? (
                  <NavLink to="/notebooks" className={linkClass}>
                    Notebooks
                  </NavLink>
                ) : null}
                {services.datasets ? (
                  <NavLink to="/datasets" className={linkClass}>
                    Datasets
                  </NavLink>
                ) : null}
                {anyMlService ? (
                  <NavLink to="/jobs" className={linkClass}>
                    Jobs &amp; models
                  </NavLink>
                ) : null}
                {user.isAdmin ? (
                  <NavLink to="/admin/users" className={linkClass}>
                    Users
                  </NavLink>
                ) : null}
                {user.isAdmin ? <AdminMenu /> : null}
              </nav>
            </>
          ) : null}
          <div className="ml-auto flex items-center gap-3">
            {user ? (
              <>
                {navigable ? (
                  <NavLink to="/settings" className={linkClass} title="Your preferences">
                    {user.displayName || user.username}
                  </NavLink>
                ) : (
                  <span className="text-sm text-slate-600 dark:text-slate-300">
                    {user.displayName || user.username}
                  </span>
                )}
                <SignOutButton />
              </>
            ) : null}
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">{children}</main>
      <SystemBanner banner={banner} position="bottom" />
    </div>
  );
}
