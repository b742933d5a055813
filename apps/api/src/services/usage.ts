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
  type ComputeKind,
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
import { liveUsage, type Db, type LiveMeter, type LiveRun } from '@mlspace/db';

import {
  addBurn,
  holdVerdict,
  stillHolds,
  type BurnRate,
  type HeldVerdict,
} from './budget-headroom';

/** Work about to start, as the admission gate knows it. */
export interface AdmittedWork {
  kind: ComputeKind;
  instanceType?: string | null;
  count?: number | null;
}

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

  /** What the given live runs add per hour, priced like their usage. */
  function burnOf(runs: readonly LiveMeter[]): BurnRate {
    const burn: BurnRate = { usdPerHour: 0, instanceHoursPerHour: 0 };
    for (const run of runs) burnOfWork(burn, run.kind, run.instanceType, run.instanceCount);
    return burn;
  }

  function burnOfWork(
    into: BurnRate,
    kind: ComputeKind,
    instanceType: string | null | undefined,
    instanceCount: number | null | undefined,
  ): BurnRate {
    if (!isMetered(kind)) return into;
    const count = instanceCount ?? 1;
    const price = hourlyPrice(table, kind, instanceType || 'unknown');
    into.instanceHoursPerHour += count;
    if (price !== null) into.usdPerHour += price * count;
    return into;
  }

  /** The month's use of a budget, and the rate at which what runs now adds to it. */
  async function measureBudget(project: string, month: string, budget: Budget) {
    // The month's totals per kind and type (a few rows), not every day: admission runs this.
    const asOf = now().toISOString();
    const [stored, runs] = await Promise.all([
      db.usage.projectMonthTotals(project, month),
      db.usage.liveMetersOfProject(project),
    ]);
    const live = runs.flatMap((run) => liveUsage(run, month, asOf));
    const totals = totalsOf([...stored, ...live].map((line) => priceUsage(line, table)));
    const status = budgetStatus(budget, {
      month,
      costUsd: totals.costUsd,
      instanceHours: totals.instanceHours,
    });
    return { status, burn: burnOf(runs) };
  }

  /** This month's (or `month`'s) use of the project's budget; null without a budget. */
  async function budgetStatusOf(
    project: string,
    month = monthOf(now()),
    budget?: Budget | null,
  ): Promise<BudgetStatus | null> {
    const held = budget === undefined ? await db.budgets.get(project) : budget;
    if (!held) return null;
    return (await measureBudget(project, month, held)).status;
  }

  /** Hard-stop verdicts of "not reached", per project, while they must still hold (budget-headroom.ts). */
  const heldVerdicts = new Map<string, HeldVerdict>();

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
     * caller has read the budget (admission reads it with the quota overrides). With a hard stop,
     * the month's use is read again only when a verdict of "not reached" may no longer hold
     * (budget-headroom.ts); `work`, once admitted, counts towards the held verdict's rate.
     */
    async refuseIfBudgetReached(
      project: string,
      known?: Budget | null,
      work?: AdmittedWork,
    ): Promise<void> {
      const budget = known === undefined ? await db.budgets.get(project) : known;
      if (!budget?.hardStop) return;
      const at = now();
      const month = monthOf(at);
      let verdict = heldVerdicts.get(project);
      if (!stillHolds(verdict, budget, month, at.getTime())) {
        heldVerdicts.delete(project);
        const { status, burn } = await measureBudget(project, month, budget);
        if (status.reached) throw new ConflictError(budgetReachedMessage(status));
        verdict = holdVerdict(status, burn, at.getTime());
        heldVerdicts.set(project, verdict);
      }
      if (work)
        addBurn(
          verdict,
          burnOfWork(
            { usdPerHour: 0, instanceHoursPerHour: 0 },
            work.kind,
            work.instanceType,
            work.count,
          ),
        );
    },

    /** After a budget change through this process: the next admission reads the month again. */
    forgetBudgetVerdict(project: string): void {
      heldVerdicts.delete(project);
    },
  };
}

export type UsageService = ReturnType<typeof createUsageService>;
