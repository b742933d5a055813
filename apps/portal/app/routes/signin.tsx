import { redirect } from 'react-router';

import type { Route } from './+types/signin';
import { callerContext } from '../utils/caller.server';
import { safeReturnTo } from '../utils/return-to';

export function loader({ context, url }: Route.LoaderArgs) {
  const returnTo = safeReturnTo(url.searchParams.get('returnTo'));
  const { user, suspended } = context.get(callerContext);
  if (suspended) throw redirect('/suspended');
  if (user) throw redirect(returnTo);
  return {
    error: url.searchParams.get('error'),
    signedOut: url.searchParams.has('signedOut'),
    returnTo,
  };
}

export const meta: Route.MetaFunction = () => [{ title: 'Sign in · MLSpace' }];

export default function SignIn({ loaderData }: Route.ComponentProps) {
  const { error, signedOut, returnTo } = loaderData;
  return (
    <div className="mx-auto mt-16 max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome to MLSpace</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        A governed workspace for machine learning: projects, datasets, notebooks, training and
        endpoints.
      </p>
      {error ? (
        <p
          role="alert"
          className="mt-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      {signedOut && !error ? (
        <p
          role="status"
          className="mt-6 rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800"
        >
          You are signed out.
        </p>
      ) : null}
      <a
        href={`/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`}
        className="mt-8 flex w-full justify-center rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
      >
        Sign in
      </a>
      <p className="mt-4 text-center text-xs text-slate-500 dark:text-slate-400">
        You will be sent to your organisation&apos;s sign-in page.
      </p>
    </div>
  );
}
