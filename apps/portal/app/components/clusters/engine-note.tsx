/** What runs clusters here, said plainly on every cluster page (Dask locally, EMR on AWS). */
export function EngineNote({ engine, note }: { engine: 'dask' | 'emr'; note: string }) {
  return (
    <p
      className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
      data-testid="cluster-engine-note"
    >
      <span className="font-medium">{engine === 'dask' ? 'Local mode: ' : 'Amazon EMR: '}</span>
      {note}
    </p>
  );
}
