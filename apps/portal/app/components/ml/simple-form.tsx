import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';

import { errorMessage } from '../../utils/format';
import { Button, ErrorNote, PageHeader } from '../ui';

/** The frame of a short create form: title, fields, error, submit and cancel (back to `backTo`). */
export function SimpleForm({
  backTo,
  title,
  description,
  submitLabel,
  pending,
  error,
  onSubmit,
  children,
}: {
  backTo: string;
  title: string;
  description: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <div className="max-w-3xl">
      <PageHeader title={title} description={description} />
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void onSubmit();
        }}
        className="space-y-5"
        noValidate
      >
        {children}
        <ErrorNote message={errorMessage(error)} />
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Creating…' : submitLabel}
          </Button>
          <Link
            to={backTo}
            className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:underline"
          >
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
