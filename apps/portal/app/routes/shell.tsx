import { Outlet } from 'react-router';

import type { Route } from './+types/shell';
import { AppShell } from '../components/app-shell';
import { Breadcrumbs, crumb } from '../components/breadcrumbs';
import { ErrorMessage } from '../components/error-boundary';
import { useRootData } from '../root';
import { requireActiveCaller } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';

/** Every page under the shell needs a signed-in, active caller: checked once, before any loader. */
export const middleware: Route.MiddlewareFunction[] = [requireActiveCaller];

// The project switcher in the header lists the caller's projects from the first paint.
export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.projects.mine.prefetch({ limit: 100 })]);

export const handle = crumb(() => ({ label: 'Dashboard', to: '/' }));

/** The signed-in application: header and navigation, breadcrumbs, then the page. */
export default function Shell() {
  const { user, settings } = useRootData();
  return (
    <AppShell user={user} banner={settings.banner}>
      <Breadcrumbs />
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const { user, settings } = useRootData();
  return (
    <AppShell user={user} banner={settings.banner}>
      <ErrorMessage />
    </AppShell>
  );
}
