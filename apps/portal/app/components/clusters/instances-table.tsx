import type { Outputs } from '../../utils/trpc';

type Instance = Outputs['clusters']['get']['instances'][number];

const gib = 1024 ** 3;
const inGiB = (bytes: number | undefined) =>
  bytes === undefined ? '—' : `${(bytes / gib).toFixed(bytes < gib ? 2 : 1)} GiB`;

/** A cluster's nodes; locally its Dask scheduler and workers, with memory and the tasks they run. */
export function InstancesTable({ instances, dask }: { instances: Instance[]; dask: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Nodes of the cluster</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2">
              {dask ? 'Process' : 'Instance'}
            </th>
            <th scope="col" className="px-3 py-2">
              Role
            </th>
            <th scope="col" className="px-3 py-2">
              Type
            </th>
            <th scope="col" className="px-3 py-2">
              State
            </th>
            <th scope="col" className="px-3 py-2">
              Address
            </th>
            {dask ? (
              <>
                <th scope="col" className="px-3 py-2">
                  Threads
                </th>
                <th scope="col" className="px-3 py-2">
                  Memory used / limit
                </th>
                <th scope="col" className="px-3 py-2">
                  Running tasks
                </th>
                <th scope="col" className="px-3 py-2">
                  Results held
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {instances.map((instance) => (
            <tr key={instance.id} data-testid="cluster-instance">
              <td className="px-3 py-2 font-mono text-xs">{instance.id}</td>
              <td className="px-3 py-2">
                {dask && instance.role === 'primary' ? 'scheduler' : instance.role}
              </td>
              <td className="px-3 py-2">{instance.instanceType}</td>
              <td className="px-3 py-2">{instance.state}</td>
              <td className="break-all px-3 py-2 font-mono text-xs">{instance.address ?? '—'}</td>
              {dask ? (
                <>
                  <td className="px-3 py-2">{instance.threads ?? '—'}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {instance.role === 'core'
                      ? `${inGiB(instance.memoryUsedBytes)} / ${inGiB(instance.memoryLimitBytes)}`
                      : '—'}
                  </td>
                  <td className="px-3 py-2" data-testid="running-tasks">
                    {instance.processingTasks === undefined ? (
                      '—'
                    ) : instance.processingTasks.length === 0 ? (
                      'none'
                    ) : (
                      <span title={instance.processingTasks.join('\n')}>
                        {instance.processingTasks.length}:{' '}
                        {instance.processingTasks.slice(0, 3).join(', ')}
                        {instance.processingTasks.length > 3 ? ', …' : ''}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">{instance.storedResults ?? '—'}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
