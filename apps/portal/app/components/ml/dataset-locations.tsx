import { trpc } from '../../utils/trpc';

/** A <datalist> of the S3 locations of the datasets the caller can see, for S3 URI fields. */
export function DatasetLocations({ id }: { id: string }) {
  const datasets = trpc.datasets.list.useQuery({ scope: 'all', limit: 100 }, { staleTime: 60_000 });
  return (
    <datalist id={id}>
      {(datasets.data?.items ?? []).map((dataset) => (
        <option key={dataset.location} value={dataset.location}>
          {dataset.name}
        </option>
      ))}
    </datalist>
  );
}
