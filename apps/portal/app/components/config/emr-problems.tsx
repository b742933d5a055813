import { appConfigSchema, instanceTypeCatalogue, type AppConfig } from '@mlspace/core';

const fieldWords: Record<string, string> = {
  name: 'name',
  masterInstanceType: 'master type',
  coreInstanceType: 'core type',
  coreInstanceCount: 'core count',
  minInstances: 'min instances',
  maxInstances: 'max instances',
  scaleOutCpuPercent: 'scale-out CPU %',
  scaleInCpuPercent: 'scale-in CPU %',
};

/** `emr.clusterTypes.1.coreInstanceType` as the editor labels it: "Cluster type 2 core type". */
function where(path: PropertyKey[]): string {
  const [, section, index, field] = path.map(String);
  if (section === 'clusterTypes' && index !== undefined && field)
    return `Cluster type ${Number(index) + 1} ${fieldWords[field] ?? field}`;
  if (section === 'clusterTypes') return 'Cluster types';
  if (section === 'autoScaling' && index) return `Auto scaling ${fieldWords[index] ?? index}`;
  if (section === 'applications') return 'Applications';
  if (section === 'releaseLabel') return 'Release label';
  return path.map(String).join('.');
}

/** The EMR settings' problems as the server would refuse them, checked with the same schema while editing. */
export function emrProblems(config: AppConfig): string[] {
  const parsed = appConfigSchema.safeParse(config);
  if (parsed.success) return [];
  return parsed.error.issues
    .filter((issue) => issue.path[0] === 'emr')
    .map((issue) => `${where(issue.path)}: ${issue.message}`);
}

/** EC2 types whose size the catalogue knows, offered while typing a cluster type's instance types. */
const emrTypes = [...new Set(instanceTypeCatalogue.map((type) => type.name.replace(/^ml\./, '')))];

export function EmrInstanceTypeList({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {emrTypes.map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
}

export function EmrProblemList({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul
      aria-label="EMR settings problems"
      aria-live="polite"
      className="mt-3 ml-5 list-disc text-sm text-red-700 dark:text-red-300"
    >
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}
