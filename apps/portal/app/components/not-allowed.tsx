import { useContext } from 'react';
import { Link } from 'react-router';

import { PageHeadingLevel } from './ui';

/** Shown instead of a page the caller may not open; the API's message says which rule denied it. */
export function NotAllowed({ title, message }: { title: string; message: string }) {
  const Heading = useContext(PageHeadingLevel) === 1 ? 'h1' : 'h2';
  return (
    <div
      role="alert"
      className="mx-auto max-w-lg rounded-lg border border-amber-200 bg-amber-50 p-6 text-center dark:border-amber-900 dark:bg-amber-950"
    >
      <Heading className="text-xl font-semibold text-amber-900 dark:text-amber-100">
        {title}
      </Heading>
      <p className="mt-2 text-sm text-amber-800 dark:text-amber-200">{message}</p>
      <p className="mt-4 text-sm">
        <Link to="/" className="font-medium text-brand-700 underline dark:text-brand-100">
          Back to my projects
        </Link>
      </p>
    </div>
  );
}

/** tRPC errors carry their code in `data.code`. */
export function isForbidden(error: unknown): boolean {
  const data = (error as { data?: { code?: string } } | null)?.data;
  return data?.code === 'FORBIDDEN' || data?.code === 'NOT_FOUND';
}
