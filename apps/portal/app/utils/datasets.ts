export type DatasetScope = 'global' | 'project' | 'private' | 'group';

/** Global and group datasets have one namespace each; project and private ones live under their project or creator. */
export function datasetPath(dataset: {
  scope: DatasetScope;
  scopeId: string;
  name: string;
}): string {
  const name = encodeURIComponent(dataset.name);
  return dataset.scope === 'global' || dataset.scope === 'group'
    ? `/datasets/${dataset.scope}/${name}`
    : `/datasets/${dataset.scope}/${encodeURIComponent(dataset.scopeId)}/${name}`;
}

export function scopeLabel(dataset: {
  scope: DatasetScope;
  scopeId: string;
  groups: string[];
}): string {
  switch (dataset.scope) {
    case 'global':
      return 'global';
    case 'project':
      return `project: ${dataset.scopeId}`;
    case 'private':
      return `private: ${dataset.scopeId}`;
    case 'group':
      return `group: ${dataset.groups.join(', ')}`;
  }
}

export const datasetTypes = [
  'tabular',
  'text',
  'image',
  'audio',
  'video',
  'model',
  'other',
] as const;
