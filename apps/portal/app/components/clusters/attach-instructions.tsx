import { trpc } from '../../utils/trpc';
import { errorMessage } from '../../utils/format';
import { ErrorNote } from '../ui';

/**
 * How a notebook of the project reaches the cluster: the address, a snippet to paste, and the
 * variables an attached notebook gets. Only members of the project may learn the address.
 */
export function AttachInstructions({ name }: { name: string }) {
  // Until the cluster takes work there is no address; ask again until there is one.
  const connection = trpc.clusters.connection.useQuery(
    { name },
    { refetchInterval: (query) => (query.state.data?.address ? false : 3000) },
  );
  const data = connection.data;
  if (connection.error) return <ErrorNote message={errorMessage(connection.error)} />;
  if (!data) return null;
  if (!data.address)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The address is shown once the cluster is ready to take work.
      </p>
    );
  return (
    <div className="space-y-3 text-sm">
      <p>
        {data.engine === 'dask' ? 'Dask scheduler: ' : 'Livy endpoint: '}
        <code className="break-all font-mono" data-testid="cluster-address">
          {data.address}
        </code>
      </p>
      <p className="text-slate-600 dark:text-slate-400">
        {data.engine === 'dask'
          ? `In a notebook of this project, run this cell (Python 3 kernel). A notebook created or started with this cluster attached has it in DASK_SCHEDULER_ADDRESS, so Client() alone connects.`
          : 'A notebook created with this cluster attached has sparkmagic configured for it; in a PySpark kernel Spark runs on the cluster. Or add the session yourself:'}
      </p>
      <pre
        className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
        data-testid="cluster-snippet"
      >
        {data.snippet}
      </pre>
      <p className="text-slate-600 dark:text-slate-400">
        Environment of an attached notebook:{' '}
        {Object.entries(data.environment).map(([key, value]) => (
          <code key={key} className="mr-2 break-all font-mono text-xs">
            {key}={value}
          </code>
        ))}
      </p>
    </div>
  );
}
