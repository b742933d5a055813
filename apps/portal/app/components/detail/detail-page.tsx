import { useContext, useId, type ReactNode } from 'react';

import { PageHeadingLevel } from '../ui';

/**
 * The one layout of a resource's page: its name with its status and kind, its actions, then what
 * to do next, its facts and its sections. Inside a project the name is an h2 (the project is the
 * h1) and sections are one level below it.
 */
export function DetailPage({
  title,
  kind,
  status,
  actions,
  children,
}: {
  title: string;
  /** What this is, in words: "Training job", "Endpoint". */
  kind: string;
  status?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const Heading = useContext(PageHeadingLevel) === 1 ? 'h1' : 'h2';
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
            {kind}
          </p>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <Heading className="break-all text-2xl font-semibold tracking-tight">{title}</Heading>
            {status ? <span data-testid="detail-status">{status}</span> : null}
          </div>
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </header>
      {children}
    </div>
  );
}

export interface Fact {
  label: string;
  value: ReactNode;
  /** Long values (locations, hyperparameters) take the whole row. */
  wide?: boolean;
}

/** A resource's facts as a grid of labelled values; empty values read as a dash. */
export function FactsGrid({ facts }: { facts: Fact[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-4 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
      {facts.map((fact) => (
        <div
          key={fact.label}
          className={fact.wide ? 'min-w-0 sm:col-span-2 lg:col-span-3' : 'min-w-0'}
        >
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
            {fact.label}
          </dt>
          <dd className="mt-1 wrap-anywhere" data-testid={`${fact.label}-value`}>
            {fact.value === null || fact.value === undefined || fact.value === ''
              ? '—'
              : fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A titled part of a detail page (metrics, outputs, logs, training jobs). */
export function DetailSection({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  const Heading = useContext(PageHeadingLevel) === 1 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id}>
      <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
        <div>
          <Heading id={id} className="text-lg font-semibold">
            {title}
          </Heading>
          {description ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
          ) : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Why a resource failed, kept as the backend wrote it (stack traces keep their lines). */
export function FailureNote({ reason }: { reason: string | null | undefined }) {
  if (!reason) return null;
  return (
    <pre
      role="alert"
      data-testid="failure-reason"
      className="whitespace-pre-wrap break-words rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      {reason}
    </pre>
  );
}
