/**
 * Usage and its cost: a month's stored daily instance-hours plus what runs now, counted up to the
 * service's clock, priced with the deployment region's table; and the project budget measured
 * against it. The clock is injectable so tests move time (the sweep and admission read it here).
 */
import {
  ConflictError,
  budgetReachedMessage,
  budgetStatus,
  monthOf,
  priceUsage,
  totalsOf,
  isMetered,
  type Budget,
  type ResourceCost,
  type ResourceRecord,
  type BudgetStatus,
  type PriceSourceView,
  type PricedUsage,
  type RunningUsageView,
  type UsageHours,
  type UsageReportView,
} from '@mlspace/core';
import { hourlyPrice, priceTableFor } from '@mlspace/core/pricing';
import { liveUsage, type Db, type LiveRun } from '@mlspace/db';

export interface UsageServiceOptions {
  db: Db;
  /** The deployment's region, whose price table estimates cost. */
  region: string;
  now?: () => Date;
}

export type MonthUsage = Omit<UsageReportView, 'budget' | 'mayEditBudget'>;

/** Stored and live hours of the same day, kind, user and type are one line. */
function mergeLines(lines: UsageHours[]): UsageHours[] {
  const merged = new Map<string, UsageHours>();
  for (const line of lines) {
    const key = [line.project, line.day, line.kind, line.owner, line.instanceType].join('#');
    const seen = merged.get(key);
    if (seen) seen.instanceHours += line.instanceHours;
    else merged.set(key, { ...line });
  }
  return [...merged.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      a.project.localeCompare(b.project) ||
      a.kind.localeCompare(b.kind) ||
      a.owner.localeCompare(b.owner),
  );
}

export function createUsageService({ db, region, now = () => new Date() }: UsageServiceOptions) {
  const table = priceTableFor(region);
  const prices: PriceSourceView | null = table
    ? {
        region: table.region,
        source: table.source,
        retrievedOn: table.retrievedOn,
        obtainedBy: table.obtainedBy,
      }
    : null;

  function runningView(run: LiveRun): RunningUsageView {
    const { record } = run;
    const instanceType = record.instanceType || 'unknown';
    const instanceCount = record.instanceCount ?? 1;
    const price = hourlyPrice(table, record.kind, instanceType);
    return {
      kind: record.kind,
      name: record.name,
      project: record.project,
      owner: record.owner,
      instanceType,
      instanceCount,
      since: record.startedAt ?? run.meteredFrom,
      hourlyUsd: price === null ? null : price * instanceCount,
    };
  }

  async function monthUsage(project: string | null, month: string): Promise<MonthUsage> {
    const asOf = now().toISOString();
    // Stored days first: a completed day recorded between the two reads is then missed for a
    // moment rather than counted twice.
    const stored = project
      ? await db.usage.projectMonth(project, month)
      : await db.usage.month(month);
    const runs = project ? await db.usage.liveRunsOfProject(project) : await db.usage.liveRuns();
    const live = runs.flatMap((run) => liveUsage(run, month, asOf));
    const lines: PricedUsage[] = mergeLines([...stored, ...live]).map((line) =>
      priceUsage(line, table),
    );
    return {
      month,
      project,
      asOf,
      prices,
      lines,
      totals: totalsOf(lines),
      running: monthOf(asOf) === month ? runs.map(runningView) : [],
    };
  }

  /** This month's (or `month`'s) use of the project's budget; null without a budget. */
  async function budgetStatusOf(
    project: string,
    month = monthOf(now()),
    budget?: Budget | null,
  ): Promise<BudgetStatus | null> {
    const held = budget === undefined ? await db.budgets.get(project) : budget;
    if (!held) return null;
    // The month's totals per kind and type (a few rows), not every day: admission runs this.
    const asOf = now().toISOString();
    const [stored, runs] = await Promise.all([
      db.usage.projectMonthTotals(project, month),
      db.usage.liveMetersOfProject(project),
    ]);
    const live = runs.flatMap((run) => liveUsage(run, month, asOf));
    const totals = totalsOf([...stored, ...live].map((line) => priceUsage(line, table)));
    return budgetStatus(held, {
      month,
      costUsd: totals.costUsd,
      instanceHours: totals.instanceHours,
    });
  }

  return {
    prices,
    now,

    /** Each metered resource's instance-hours over its life and their cost at its current type. */
    async lifetimeCosts(records: ResourceRecord[]): Promise<Map<string, ResourceCost>> {
      const hours = await db.usage.lifetimeHours(records, now().toISOString());
      const costs = new Map<string, ResourceCost>();
      for (const record of records) {
        const key = `${record.kind}#${record.name}`;
        if (!isMetered(record.kind)) continue;
        const instanceHours = hours.get(key) ?? 0;
        const price = hourlyPrice(table, record.kind, record.instanceType || 'unknown');
        costs.set(key, { instanceHours, costUsd: price === null ? null : instanceHours * price });
      }
      return costs;
    },
    monthUsage,
    budgetStatusOf,

    /**
     * The admission check: a project whose hard-stop budget is reached this month takes no new
     * work. One GetItem for a project without a budget or without a hard stop; none when the
     * caller has read the budget (admission reads it with the quota overrides).
     */
    async refuseIfBudgetReached(project: string, known?: Budget | null): Promise<void> {
      const budget = known === undefined ? await db.budgets.get(project) : known;
      if (!budget?.hardStop) return;
      const status = await budgetStatusOf(project, monthOf(now()), budget);
      if (status?.reached) throw new ConflictError(budgetReachedMessage(status));
    },
  };
}

export type UsageService = ReturnType<typeof createUsageService>;
