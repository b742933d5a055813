import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

import { useActiveServices } from '../utils/active-services';
import type { Outputs } from '../utils/trpc';
import { mlKinds } from './ml/kinds';
import { AdminMenu, adminLinks } from './admin-menu';
import { SystemBanner, type BannerSettings } from './banner';
import { ProjectSwitcher } from './project-switcher';
import { SignOutButton } from './sign-out-button';
import { useDisclosure } from './use-disclosure';

type User = Outputs['me']['get'];

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-1.5 text-sm font-medium ${
    isActive
      ? 'bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white'
      : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800'
  }`;

interface MainLink {
  to: string;
  label: string;
  end?: boolean;
}

/** The top-level pages this user may use: a deactivated service has no link. */
function useMainLinks(user: User): MainLink[] {
  const services = useActiveServices();
  // "Jobs & models" stays while any ML kind is active.
  const anyMlService = mlKinds.some((kind) => services[kind.service]);
  return [
    { to: '/', label: 'Dashboard', end: true },
    ...(services.notebooks ? [{ to: '/notebooks', label: 'Notebooks' }] : []),
    ...(services.datasets ? [{ to: '/datasets', label: 'Datasets' }] : []),
    ...(anyMlService ? [{ to: '/jobs', label: 'Jobs & models' }] : []),
    ...(user.isAdmin ? [{ to: '/admin/users', label: 'Users' }] : []),
    { to: '/docs', label: 'Guide' },
  ];
}

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
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow dark:focus:bg-slate-900 dark:focus:text-white"
      >
        Skip to main content
      </a>
      <SystemBanner banner={banner} position="top" />
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        {navigable ? <SignedInHeader user={user} /> : <PlainHeader user={user} />}
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 outline-none"
      >
        {children}
      </main>
      <SystemBanner banner={banner} position="bottom" />
    </div>
  );
}

function HomeLink() {
  return (
    <a href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
      <span className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">
        ML
      </span>
      MLSpace
    </a>
  );
}

/** Signed out or suspended: the name and, when signed in, sign-out only. */
function PlainHeader({ user }: { user: User | null }) {
  return (
    <div className="mx-auto flex min-h-14 max-w-7xl items-center gap-4 px-4 py-2">
      <HomeLink />
      {user ? (
        <div className="ml-auto flex items-center gap-3">
          <span className="text-sm text-slate-600 dark:text-slate-300">
            {user.displayName || user.username}
          </span>
          <SignOutButton />
        </div>
      ) : null}
    </div>
  );
}

/**
 * Wide screens show the links in the header; below 1024 px they collapse behind a Menu button,
 * so the header stays one row and nothing scrolls sideways on a phone.
 */
function SignedInHeader({ user }: { user: User }) {
  const links = useMainLinks(user);
  const menu = useDisclosure();
  const name = user.displayName || user.username;
  return (
    <div ref={menu.containerRef} className="mx-auto max-w-7xl px-4">
      <div className="flex min-h-14 items-center gap-3 py-2">
        <HomeLink />
        <div id="project-switcher" className="min-w-0">
          <ProjectSwitcher />
        </div>
        <nav aria-label="Main" className="hidden items-center gap-1 lg:flex">
          {links.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end} className={linkClass}>
              {link.label}
            </NavLink>
          ))}
          {user.isAdmin ? <AdminMenu /> : null}
        </nav>
        <div className="ml-auto hidden items-center gap-3 lg:flex">
          <NavLink to="/settings" className={linkClass} title="Your preferences">
            {name}
          </NavLink>
          <SignOutButton />
        </div>
        <button
          {...menu.triggerProps}
          className="ml-auto rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 lg:hidden dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Menu
        </button>
      </div>
      <nav
        aria-label="Main"
        id={menu.panelProps.id}
        className={`${menu.open ? 'flex' : 'hidden'} flex-col gap-1 border-t border-slate-200 py-3 lg:hidden dark:border-slate-800`}
      >
        {links.map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end} className={linkClass}>
            {link.label}
          </NavLink>
        ))}
        {user.isAdmin ? (
          <>
            <p className="mt-2 px-3 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
              Administration
            </p>
            {adminLinks.map((link) => (
              <NavLink key={link.to} to={link.to} className={linkClass}>
                {link.label}
              </NavLink>
            ))}
          </>
        ) : null}
        <div className="mt-2 flex items-center justify-between gap-3 border-t border-slate-200 pt-3 dark:border-slate-800">
          <NavLink to="/settings" className={linkClass}>
            {name} · preferences
          </NavLink>
          <SignOutButton />
        </div>
      </nav>
    </div>
  );
}
