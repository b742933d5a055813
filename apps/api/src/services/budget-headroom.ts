/**
 * How long a hard-stop budget's "not reached" verdict may stand without reading the month again.
 *
 * A project's use grows only while something runs, at the rate of what runs (USD and
 * instance-hours per hour). So after a read that finds headroom H and a burn rate R, the budget
 * cannot be reached before H / R hours; the verdict is held for half that, so that work started
 * meanwhile by other API processes may double the rate without the verdict going wrong, and
 * never longer than `maxHoldMs`. Work this process admits adds its own rate to the held verdict
 * at once. A verdict is tied to the month and to the budget as read: a changed budget or a new
 * month reads again.
 */
import type { Budget, BudgetStatus } from '@mlspace/core';

export const maxHoldMs = 30_000;

/** What runs costs per hour, in both of a budget's measures. */
export interface BurnRate {
  usdPerHour: number;
  instanceHoursPerHour: number;
}

export interface HeldVerdict {
  month: string;
  /** The budget the verdict was read against, as JSON (a change reads again). */
  budgetKey: string;
  readAt: number;
  headroomUsd: number | null;
  headroomHours: number | null;
  burn: BurnRate;
}

export const budgetKeyOf = (budget: Budget) => JSON.stringify(budget);

export function holdVerdict(status: BudgetStatus, burn: BurnRate, readAt: number): HeldVerdict {
  const { budget } = status;
  return {
    month: status.month,
    budgetKey: budgetKeyOf(budget),
    readAt,
    headroomUsd: budget.amountUsd === null ? null : budget.amountUsd - status.usedUsd,
    headroomHours: budget.instanceHours === null ? null : budget.instanceHours - status.usedHours,
    burn: { ...burn },
  };
}

function hoursLeft(headroom: number | null, perHour: number): number {
  if (headroom === null) return Infinity;
  if (headroom <= 0) return 0;
  return perHour > 0 ? headroom / perHour : Infinity;
}

/** Until when (ms since the epoch) the verdict stands. */
export function heldUntil(verdict: HeldVerdict): number {
  const hours = Math.min(
    hoursLeft(verdict.headroomUsd, verdict.burn.usdPerHour),
    hoursLeft(verdict.headroomHours, verdict.burn.instanceHoursPerHour),
  );
  return verdict.readAt + Math.min(maxHoldMs, (hours * 3_600_000) / 2);
}

export function stillHolds(
  verdict: HeldVerdict | undefined,
  budget: Budget,
  month: string,
  at: number,
): verdict is HeldVerdict {
  return (
    verdict !== undefined &&
    verdict.month === month &&
    verdict.budgetKey === budgetKeyOf(budget) &&
    at < heldUntil(verdict)
  );
}

/** Work admitted on a held verdict burns too: its rate shortens how long the verdict stands. */
export function addBurn(verdict: HeldVerdict, burn: BurnRate): void {
  verdict.burn.usdPerHour += burn.usdPerHour;
  verdict.burn.instanceHoursPerHour += burn.instanceHoursPerHour;
}
