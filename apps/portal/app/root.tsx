import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  data,
  useRouteLoaderData,
} from 'react-router';

import type { Route } from './+types/root';
import './app.css';
import { GeneralErrorBoundary } from './components/error-boundary';
import { LoaderQueries } from './components/loader-queries';
import { apiContext, callerContext, resolveCallerOnce } from './utils/caller.server';
import { createQueryClient } from './utils/query-client';
import { useRefusalRecovery } from './utils/refusal-recovery';
import { createBrowserTrpcClient, trpc } from './utils/trpc';

/** Who is asking is resolved once per request; the layouts below decide where they may go. */
export const middleware: Route.MiddlewareFunction[] = [resolveCallerOnce];

export async function loader({ context }: Route.LoaderArgs) {
  const { user } = context.get(callerContext);
  const settings = await context.get(apiContext).system.publicSettings.query();
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

export default function App() {
  const recoverFromRefusal = useRefusalRecovery();
  const [queryClient] = useState(() => createQueryClient(recoverFromRefusal));
  const [trpcClient] = useState(createBrowserTrpcClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <LoaderQueries>
          <Outlet />
        </LoaderQueries>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
