/**
 * What the sweep does about budgets: every budgeted project's use this month is measured; each
 * threshold crossed is written to the audit trail once (db.budgets.recordWarning); a reached
 * hard-stop budget stops the project's running notebooks through the project cascade, whose
 * failures are recorded on the notebooks and retried by later sweeps like any cascade's. New work
 * is refused at admission (usage.refuseIfBudgetReached), not here.
 */
import { NotFoundError, budgetWarningMessage, dayOf } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import type { ProjectCascade } from './cascade';
import type { UsageService } from './usage';

export interface BudgetSweepOutcome {
  /** `project: threshold%` for each warning written this pass. */
  warned: string[];
  /** Notebooks stopped because their project's budget was reached. */
  stopped: string[];
  failed: { resource: string; reason: string }[];
}

export async function enforceBudgets(
  services: { db: Db; usage: UsageService; cascade: ProjectCascade },
  actor: string,
): Promise<BudgetSweepOutcome> {
  const { db, usage, cascade } = services;
  const outcome: BudgetSweepOutcome = { warned: [], stopped: [], failed: [] };
  for (const project of await db.budgets.listBudgeted()) {
    try {
      const status = await usage.budgetStatusOf(project).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (!status) {
        await db.budgets.forgetBudgeted(project);
        continue;
      }
      for (const threshold of status.crossed) {
        const written = await db.budgets.recordWarning(
          {
            project,
            month: status.month,
            threshold,
            message: budgetWarningMessage(status, threshold),
            details: {
              month: status.month,
              usedUsd: status.usedUsd,
              usedHours: status.usedHours,
              budget: status.budget,
            },
          },
          actor,
        );
        if (written) outcome.warned.push(`${project}: ${threshold}%`);
      }
      if (status.reached && status.budget.hardStop) {
        const report = await cascade.budgetReached(project, actor);
        for (const kind of report.kinds) {
          outcome.stopped.push(...kind.done);
          outcome.failed.push(...kind.failed);
        }
      }
    } catch (error) {
      outcome.failed.push({
        resource: `budget of project ${project}`,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcome;
}

/**
 * Moves running resources' completed days into the stored usage rows (once a day each), so a
 * month's stored rows hold every finished day even of what never stops.
 */
export async function recordCompletedDays(db: Db, now: Date): Promise<string[]> {
  const today = dayOf(now);
  const recorded: string[] = [];
  for (const run of await db.usage.liveRuns()) {
    if (run.meteredFrom.slice(0, 10) >= today) continue;
    if (await db.usage.recordCompletedDays(run.record, now.toISOString()))
      recorded.push(`${run.record.kind} ${run.record.name}`);
  }
  return recorded;
}
