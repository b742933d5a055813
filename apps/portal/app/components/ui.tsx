import { createContext, useContext, type ButtonHTMLAttributes, type ReactNode } from 'react';

import { useHydrated } from './use-hydrated';

const variants = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/50',
  secondary:
    'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
  danger:
    'border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-slate-900 dark:text-red-300',
  /** The confirm button of a destructive action, once the user has been told what happens. */
  dangerSolid:
    'bg-red-700 text-white hover:bg-red-800 disabled:bg-red-700/60 dark:bg-red-600 dark:hover:bg-red-500',
} as const;

export function Button({
  variant = 'secondary',
  className = '',
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      {...props}
      disabled={!hydrated || disabled}
      className={`inline-flex items-center justify-center rounded-md px-3 py-1.5 text-sm font-medium shadow-sm transition disabled:cursor-not-allowed disabled:opacity-60 ${variants[variant]} ${className}`}
    />
  );
}

export function Badge({
  tone,
  children,
}: {
  tone: 'green' | 'amber' | 'blue' | 'slate' | 'red';
  children: ReactNode;
}) {
  const tones = {
    green:
      'bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300',
    amber: 'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-300',
    blue: 'bg-brand-50 text-brand-700 ring-brand-600/20 dark:bg-slate-800 dark:text-brand-100',
    slate: 'bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300',
    red: 'bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-950 dark:text-red-300',
  };
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export function ErrorNote({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      {message}
    </p>
  );
}

/**
 * The level of a page's own heading: 1, or 2 inside a layout whose header already holds the h1
 * (a project's sections sit under the project's name).
 */
export const PageHeadingLevel = createContext<1 | 2>(1);

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  const Heading = useContext(PageHeadingLevel) === 1 ? 'h1' : 'h2';
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <Heading className="text-2xl font-semibold tracking-tight">{title}</Heading>
        {description ? (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>
        ) : null}
      </div>
      {actions}
    </div>
  );
}
