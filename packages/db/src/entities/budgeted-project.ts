import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * A marker that a project has a budget (the budget itself is on the Project item, so it goes with
 * the project), written and removed in the same transaction as the budget. The sweep reads these
 * to check budgets without reading every project.
 * - all (table): every marker in one partition, by project name. A marker whose project is gone
 *   or has no budget any more is removed by the sweep that finds it.
 */
export function createBudgetedProjectEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'budgetedProject', version: '1', service: 'mlspace' },
      attributes: {
        project: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        all: {
          pk: { field: tableLayout.partitionKey, composite: [], template: 'budgets' },
          sk: {
            field: tableLayout.sortKey,
            composite: ['project'],
            template: 'project#${project}',
          },
        },
      },
    },
    config,
  );
}

export type BudgetedProjectEntity = ReturnType<typeof createBudgetedProjectEntity>;
export type BudgetedProjectItem = EntityItem<BudgetedProjectEntity>;
