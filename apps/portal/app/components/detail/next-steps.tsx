import { Link } from 'react-router';

export interface NextStep {
  label: string;
  to: string;
  /** What the step does, in a sentence. */
  description: string;
}

/** What to do with this resource next, pre-filled: the way out of a page that would be a dead end. */
export function NextSteps({ steps }: { steps: NextStep[] }) {
  if (steps.length === 0) return null;
  return (
    <aside
      aria-label="Next steps"
      className="rounded-lg border border-brand-100 bg-brand-50 p-4 dark:border-slate-700 dark:bg-slate-900"
    >
      <p className="text-xs font-medium uppercase tracking-wide text-brand-700 dark:text-brand-100">
        Next step
      </p>
      <ul className="mt-2 space-y-3">
        {steps.map((step) => (
          <li key={step.to} className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-700 dark:text-slate-300">{step.description}</p>
            <Link
              to={step.to}
              className="shrink-0 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              {step.label}
            </Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
