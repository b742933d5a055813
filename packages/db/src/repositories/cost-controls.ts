import {
  NotFoundError,
  costControlsSchema,
  noCostControls,
  type CostControls,
} from '@mlspace/core';

import type { Context } from '../model';
import { writeTransaction } from '../tx';
import { auditOp } from './audit-op';

/** A project's cost controls, stored as JSON on the Project item (byName: pk `project#${name}`). */
export function createCostControlsRepository(context: Context) {
  const { model } = context;
  const { project } = model.entities;

  function parse(json: string | undefined): CostControls {
    if (!json) return noCostControls;
    const parsed = costControlsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : noCostControls;
  }

  return {
    async get(name: string): Promise<CostControls> {
      const { data } = await project.get({ name }).go({ attributes: ['name', 'costControls'] });
      if (!data) throw new NotFoundError(`Project ${name} does not exist`);
      return parse(data.costControls);
    },

    /** Applies to resources created afterwards (as in the reference); audited in the same transaction. */
    async set(name: string, controls: CostControls, actor: string): Promise<CostControls> {
      const before = await this.get(name);
      const at = context.now();
      await writeTransaction(
        model,
        [
          ({ project }) =>
            project
              .patch({ name })
              .set({ costControls: JSON.stringify(controls), updatedAt: at })
              .commit(),
          auditOp(
            {
              actor,
              action: 'project.cost_controls_changed',
              targetType: 'project',
              targetId: name,
              before,
              after: controls,
            },
            at,
          ),
        ],
        () => `Project ${name} was deleted at the same time`,
      );
      return controls;
    },
  };
}

export type CostControlsRepository = ReturnType<typeof createCostControlsRepository>;
