import { Link } from 'react-router';

import { trpc } from '../../utils/trpc';
import { projectPath } from '../project-sections';

/**
 * Above every project page: owners and admins see a crossed budget threshold; everyone sees a
 * reached hard-stop budget, since their new work is refused. Nothing without a budget.
 */
export function BudgetBanner({ project }: { project: string }) {
  const { data } = trpc.usage.budgetBanner.useQuery({ project }, { refetchInterval: 300_000 });
  const status = data?.status;
  if (!status || status.crossed.length === 0) return null;
  const stopped = status.reached && status.budget.hardStop;
  if (!stopped && !data.mayEdit) return null;
  const reached = Math.max(...status.crossed);
  const message = stopped
    ? `The budget for this month is used up (${status.summary}): running notebooks are stopped and new work is refused until an owner raises it.`
    : `${reached}% of this month’s budget is used (${status.summary}).`;
  return (
    <p
      role={stopped ? 'alert' : 'status'}
      className={`mb-4 rounded-md border px-3 py-2 text-sm ${
        stopped
          ? 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100'
          : 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100'
      }`}
    >
      {message}{' '}
      <Link to={projectPath(project, 'usage')} className="font-medium underline">
        See usage
      </Link>
    </p>
  );
}
