/**
 * The deletion steps for what a project owns outside the compute registry: its datasets with
 * their files, everything else under its S3 prefix (its jobs' output areas), and the backend's
 * roles for the project. They run after the resource hooks (see `deletionStages`), so no job or
 * notebook can write files again once they are gone, and nothing runs as a role being deleted.
 */
import { datasetPrefix, type ComputeBackend, type DatasetRecord } from '@mlspace/core';
import type { DatasetStorage } from '@mlspace/aws';
import type { Db } from '@mlspace/db';

import type { CascadeOutcome, ProjectCascade } from './cascade';

async function projectDatasets(db: Db, project: string): Promise<DatasetRecord[]> {
  const records: DatasetRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.datasets.listByScope(
      { scope: 'project', scopeId: project },
      { cursor, limit: 100 },
    );
    records.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return records;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Project names are case-insensitive keys but S3 keys are not, and a dataset keeps the spelling
 * it was created with; every spelling known for the project is emptied.
 */
function projectPrefixes(project: string, datasets: DatasetRecord[]): string[] {
  const spellings = new Set([project, project.toLowerCase(), ...datasets.map((d) => d.scopeId)]);
  return [...spellings].map((spelling) => `project/${spelling}/`);
}

export function registerProjectDataCascades(
  cascade: ProjectCascade,
  {
    db,
    datasetStorage,
    compute,
  }: { db: Db; datasetStorage: DatasetStorage; compute: ComputeBackend },
): void {
  cascade.register({
    kind: 'dataset',
    deletionStage: 'storage',
    onProjectDeleted: async (project, actor) => {
      const outcome: Required<CascadeOutcome> = { done: [], failed: [], waiting: [] };
      const datasets = await projectDatasets(db, project);
      for (const record of datasets) {
        try {
          await datasetStorage.deletePrefix(
            datasetPrefix(record.scope, record.scopeId, record.name),
          );
          await db.datasets.delete(record, actor);
          outcome.done.push(record.name);
        } catch (error) {
          outcome.failed.push({ resource: record.name, reason: reasonOf(error) });
        }
      }
      for (const prefix of projectPrefixes(project, datasets)) {
        const location = datasetStorage.uri(prefix);
        try {
          const deleted = await datasetStorage.deletePrefix(prefix);
          if (deleted > 0) outcome.done.push(`${deleted} files under ${location}`);
        } catch (error) {
          outcome.failed.push({ resource: location, reason: reasonOf(error) });
        }
      }
      return outcome;
    },
  });
  cascade.register({
    kind: 'projectRoles',
    deletionStage: 'access',
    onProjectDeleted: async (project) => ({
      done: compute.deleteProjectRoles ? await compute.deleteProjectRoles(project) : [],
      failed: [],
    }),
  });
}
