import type { Db } from '@mlspace/db';

import type { ProjectCascade } from '../cascade';

/**
 * A deleted project's foundation-model usage goes with its other data (ADR 010): a later project
 * of the same name must not show the earlier one's members and tokens.
 */
export function registerModelUsageCascade(cascade: ProjectCascade, db: Db): void {
  cascade.register({
    kind: 'modelUsage',
    deletionStage: 'storage',
    onProjectDeleted: async (project) => {
      const removed = await db.modelUsage.deleteForProject(project);
      return { done: removed > 0 ? [`${removed} rows of model usage`] : [], failed: [] };
    },
  });
}
