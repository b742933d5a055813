import type { ReactNode } from 'react';

export const fieldClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

/** A labelled control with its help text, which turns into the problem once there is one. */
export function FormField({
  id,
  label,
  help,
  problem,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  problem?: string | null;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {children}
      {problem || help ? (
        <p
          id={`${id}-help`}
          data-testid={problem ? `${id}-problem` : undefined}
          className={`mt-1 text-xs ${problem ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}`}
        >
          {problem ?? help}
        </p>
      ) : null}
    </div>
  );
}
