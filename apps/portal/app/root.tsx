import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  data,
  redirect,
  useRouteLoaderData,
} from 'react-router';

import type { Route } from './+types/root';
import './app.css';
import { AppShell } from './components/app-shell';
import { GeneralErrorBoundary } from './components/error-boundary';
import { isForbidden, isUnauthorized, serverApi } from './utils/api.server';
import { createQueryClient } from './utils/query-client';
import { useRefusalRecovery } from './utils/refusal-recovery';
import { signInPathFor } from './utils/return-to';
import { createBrowserTrpcClient, trpc } from './utils/trpc';

// `url`, not `request.url`: a client navigation's request is `/signin.data?_routes=...`, which
// matched no public path and redirected to sign-in again and again (HTTP 431, request storms).
export async function loader({ request, url }: Route.LoaderArgs) {
  const api = serverApi(request);
  const { pathname } = url;
  const [settings, account] = await Promise.all([
    api.system.publicSettings.query(),
    api.me.get.query().then(
      (user) => ({ user, suspended: user.suspended }),
      (error: unknown) => {
        if (isUnauthorized(error)) return { user: null, suspended: false };
        // A session that suspension ended: no account to show, but we know where they belong.
        if (isForbidden(error)) return { user: null, suspended: true };
        throw error;
      },
    ),
  ]);
  const { user, suspended } = account;
  if (suspended) {
    if (pathname !== '/suspended') throw redirect('/suspended');
  } else if (!user) {
    if (pathname !== '/signin') throw redirect(signInPathFor(url));
  } else if (pathname === '/suspended') {
    throw redirect('/');
  }
  return data({ settings, user });
}

/** Pages show who is signed in: never keep them where Back or a shared cache could show them later. */
export const headers: Route.HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export type RootData = Awaited<ReturnType<typeof loader>>['data'];

export function useRootData(): RootData {
  const rootData = useRouteLoaderData<typeof loader>('root');
  if (!rootData) throw new Error('Root data is missing');
  return rootData;
}

export const meta: Route.MetaFunction = () => [{ title: 'MLSpace' }];

/** Applies the stored theme before first paint so dark mode never flashes light. */
const themeScript = `(()=>{const t=document.documentElement.dataset.theme;const d=t==='dark'||(t!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d)})()`;

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>('root');
  const theme = rootData?.user?.preferences.theme ?? 'system';
  return (
    <html lang="en" data-theme={theme} suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  const recoverFromRefusal = useRefusalRecovery();
  const [queryClient] = useState(() => createQueryClient(recoverFromRefusal));
  const [trpcClient] = useState(createBrowserTrpcClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <AppShell user={loaderData.user} banner={loaderData.settings.banner}>
          <Outlet />
        </AppShell>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
