import type { Db } from '@mlspace/db';

import type { ProjectCascade } from './cascade';

/**
 * A deleted project's usage goes with its other data (ADR 010, ADR 022): a later project of the
 * same name must not show the earlier one's days, users and costs, nor be checked against them.
 * Its budget is on the Project row and goes with it; the sweep's marker is dropped here.
 */
export function registerUsageCascade(
  cascade: ProjectCascade,
  db: Db,
  now: () => Date = () => new Date(),
): void {
  cascade.register({
    kind: 'usage',
    deletionStage: 'storage',
    onProjectDeleted: async (project) => {
      const record = await db.projects.get(project);
      if (!record) return { done: [], failed: [] };
      const removed = await db.usage.deleteForProject(
        project,
        record.createdAt,
        now().toISOString(),
      );
      await db.budgets.forgetBudgeted(project);
      return { done: removed > 0 ? [`${removed} rows of usage`] : [], failed: [] };
    },
  });
}
