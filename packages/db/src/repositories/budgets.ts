import { ConflictError, NotFoundError, budgetSchema, type Budget } from '@mlspace/core';

import type { Context } from '../model';
import { writeTransaction } from '../tx';
import { auditItem } from '../audit';
import { auditOp } from './audit-op';

export interface BudgetWarning {
  project: string;
  month: string;
  threshold: number;
  /** What the audit event says (the use and the budget). */
  message: string;
  details: Record<string, unknown>;
}

/**
 * Project budgets: the budget is JSON on the Project item (byName), so it goes with the project;
 * a BudgetedProject marker (pk `budgets`) lists budgeted projects for the sweep. A threshold
 * warning is an audit event whose id names the project (with its creation time, so a later project
 * of the same name is warned afresh), the month and the threshold: created only if absent, so
 * each crossing is written once however many sweeps and API servers see it.
 */
export function createBudgetsRepository(context: Context) {
  const { model } = context;
  const { project, budgetedProject } = model.entities;

  function parse(json: string | undefined): Budget | null {
    if (!json) return null;
    const parsed = budgetSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  }

  async function load(name: string) {
    const { data } = await project
      .get({ name })
      .go({ attributes: ['name', 'budget', 'createdAt'] });
    if (!data) throw new NotFoundError(`Project ${name} does not exist`);
    return data;
  }

  return {
    async get(name: string): Promise<Budget | null> {
      return parse((await load(name)).budget);
    },

    /** Sets or (with null) removes the budget; audited in the same transaction. */
    async set(name: string, budget: Budget | null, actor: string): Promise<Budget | null> {
      const before = await this.get(name);
      const at = context.now();
      await writeTransaction(
        model,
        [
          ({ project }) => {
            const patch = project.patch({ name });
            return (
              budget
                ? patch.set({ budget: JSON.stringify(budget), updatedAt: at })
                : patch.set({ updatedAt: at }).remove(['budget'])
            ).commit();
          },
          ({ budgetedProject }) =>
            budget
              ? budgetedProject.put({ project: name }).commit()
              : budgetedProject.delete({ project: name }).commit(),
          auditOp(
            {
              actor,
              action: 'project.budget_changed',
              targetType: 'project',
              targetId: name,
              before,
              after: budget,
            },
            at,
          ),
        ],
        () => `Project ${name} was deleted at the same time`,
      );
      return budget;
    },

    /** Every project with a budget marker, by name (one Query). */
    async listBudgeted(): Promise<string[]> {
      const { data } = await budgetedProject.query.all({}).go({ pages: 'all' });
      return data.map((item) => item.project);
    },

    /** Drops the marker of a project that is gone or has no budget any more. */
    async forgetBudgeted(name: string): Promise<void> {
      await budgetedProject.delete({ project: name }).go();
    },

    /**
     * Writes the warning's audit event unless this crossing was already written; true when this
     * call wrote it.
     */
    async recordWarning(warning: BudgetWarning, actor: string): Promise<boolean> {
      const { createdAt } = await load(warning.project);
      const item = auditItem(
        {
          actor,
          action: 'project.budget_threshold_reached',
          targetType: 'project',
          targetId: warning.project,
          after: { ...warning.details, threshold: warning.threshold, message: warning.message },
        },
        context.now(),
      );
      try {
        await writeTransaction(
          model,
          [
            ({ auditEvent }) =>
              auditEvent
                .create({
                  ...item,
                  id: `budget#${warning.project}#${createdAt}#${warning.month}#${warning.threshold}`,
                })
                .commit(),
          ],
          () => `The ${warning.threshold}% warning of ${warning.project} was already written`,
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },
  };
}

export type BudgetsRepository = ReturnType<typeof createBudgetsRepository>;
