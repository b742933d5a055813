import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
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
import { isUnauthorized, serverApi } from './utils/api.server';
import { createBrowserTrpcClient, trpc } from './utils/trpc';

const PUBLIC_PATHS = new Set(['/signin', '/suspended']);

export async function loader({ request }: Route.LoaderArgs) {
  const api = serverApi(request);
  const { pathname, search } = new URL(request.url);
  const [settings, user] = await Promise.all([
    api.system.publicSettings.query(),
    api.me.get.query().catch((error: unknown) => {
      if (isUnauthorized(error)) return null;
      throw error;
    }),
  ]);
  if (!user && !PUBLIC_PATHS.has(pathname)) {
    throw redirect(`/signin?returnTo=${encodeURIComponent(pathname + search)}`);
  }
  if (user?.suspended && pathname !== '/suspended') throw redirect('/suspended');
  return data({ settings, user });
}

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
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: 1 } },
      }),
  );
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
