import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';

import { Button, ErrorNote, PageHeader } from '../ui';

interface FormCardProps {
  onSubmit: (event: FormEvent) => void;
  pending: boolean;
  /** The form's one error (`form.formError`). */
  error: string | null;
  submitLabel: string;
  pendingLabel?: string;
  submitDisabled?: boolean;
  /** Where Cancel goes; no Cancel without it. */
  cancelTo?: string;
  /** Next to the buttons (a "Saved." status, a link to what was created). */
  after?: ReactNode;
  children: ReactNode;
}

/**
 * The look of every form: the fields on one card, the form's one error above the buttons, and
 * the submit button that shows it is working (`pendingLabel`, disabled).
 */
export function FormCard({
  onSubmit,
  pending,
  error,
  submitLabel,
  pendingLabel = 'Creating…',
  submitDisabled = false,
  cancelTo,
  after,
  children,
}: FormCardProps) {
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      {children}
      <ErrorNote message={error} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending || submitDisabled}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        {cancelTo ? (
          <Link
            to={cancelTo}
            className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:underline dark:text-slate-300"
          >
            Cancel
          </Link>
        ) : null}
        {after}
      </div>
    </form>
  );
}

/** A page that is one form: its title and description, then the form card. */
export function FormPage({
  title,
  description,
  notice,
  ...card
}: FormCardProps & {
  title: string;
  description?: string;
  /** Shown above the card (why the form cannot be used, a policy that applies). */
  notice?: ReactNode;
}) {
  return (
    <div className="max-w-3xl">
      <PageHeader title={title} description={description} />
      {notice}
      <FormCard {...card} />
    </div>
  );
}
