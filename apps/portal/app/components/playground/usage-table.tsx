import { ErrorNote } from '../ui';
import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';

/** Tokens used in the project this month, by member and model: for owners and admins. */
export function ModelUsageTable({ project }: { project: string }) {
  const usage = trpc.playground.usage.useQuery({ project });
  const rows = usage.data?.rows ?? [];
  return (
    <section aria-labelledby="model-usage" className="mt-8">
      <h3 id="model-usage" className="text-lg font-semibold">
        Model usage{usage.data ? ` in ${usage.data.month}` : ''}
      </h3>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        Every member&apos;s requests and tokens in this project, counted when each reply ends;
        owners and admins see them. Admins report every project&apos;s month under Reports.
      </p>
      <ErrorNote message={errorMessage(usage.error)} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Model usage by member and model</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-3 py-2">
                User
              </th>
              <th scope="col" className="px-3 py-2">
                Model
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Requests
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Input tokens
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Output tokens
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-3 text-slate-600 dark:text-slate-400">
                  {usage.isPending ? 'Loading…' : 'No model was used in this project this month.'}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr
                  key={`${row.username}#${row.source}#${row.model}`}
                  className="border-t border-slate-200 dark:border-slate-800"
                >
                  <td className="px-3 py-2">{row.username}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {row.source === 'endpoint' ? `Endpoint ${row.model}` : row.model}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.requests}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.inputTokens}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.outputTokens}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
