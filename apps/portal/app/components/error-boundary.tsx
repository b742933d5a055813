import { isRouteErrorResponse, useRouteError } from 'react-router';

/** A friendly message for the route error in scope, never a stack trace. */
export function ErrorMessage() {
  const error = useRouteError();
  const [title, detail] = isRouteErrorResponse(error)
    ? error.status === 404
      ? [
          'Page not found',
          // A route's own reason (the guide page it has no entry for, say), else the generic one.
          typeof error.data === 'string' && error.data !== 'Not found'
            ? error.data
            : 'There is nothing at this address.',
        ]
      : error.status === 403
        ? [
            'Not allowed',
            typeof error.data === 'string' ? error.data : 'You may not see this page.',
          ]
        : [`Error ${error.status}`, typeof error.data === 'string' ? error.data : error.statusText]
    : ['Something went wrong', 'An unexpected error occurred. Try again, or reload the page.'];
  return (
    <div className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">{detail}</p>
      <a
        href="/"
        className="mt-8 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Back to the dashboard
      </a>
    </div>
  );
}

/** The root's error boundary: the message alone, for when no layout could render. */
export function GeneralErrorBoundary() {
  return (
    <main className="py-8">
      <ErrorMessage />
    </main>
  );
}
