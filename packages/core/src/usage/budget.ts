import * as z from 'zod';

import { projectNameSchema } from '../projects';
import { monthName } from './intervals';

export const defaultBudgetThresholds = [50, 80, 100] as const;

/**
 * A project's monthly budget: an amount in USD, instance-hours, or both (whichever is reached
 * first counts). Thresholds are percentages at which owners are warned; with `hardStop`, reaching
 * 100% stops the project's notebooks and refuses new work until the month ends or an owner raises it.
 */
export const budgetSchema = z
  .object({
    amountUsd: z
      .number()
      .positive('must be more than 0')
      .max(10_000_000, 'must be at most 10000000')
      .nullable(),
    instanceHours: z
      .number()
      .positive('must be more than 0')
      .max(10_000_000, 'must be at most 10000000')
      .nullable(),
    thresholds: z
      .array(
        z
          .number()
          .int('must be whole percentages')
          .min(1, 'must be 1% or more')
          .max(100, 'must be 100% or less'),
      )
      .min(1, 'must list at least one percentage')
      .max(5, 'may list at most 5 percentages')
      .refine((values) => new Set(values).size === values.length, 'must not repeat a percentage'),
    hardStop: z.boolean(),
  })
  .refine((budget) => budget.amountUsd !== null || budget.instanceHours !== null, {
    message: 'must set an amount in USD, instance-hours, or both',
    path: ['amountUsd'],
  });
export type Budget = z.infer<typeof budgetSchema>;

export const setBudgetInputSchema = z.object({
  project: projectNameSchema,
  /** null removes the budget. */
  budget: budgetSchema.nullable(),
});
export type SetBudgetInput = z.infer<typeof setBudgetInputSchema>;

export interface BudgetUse {
  month: string;
  costUsd: number;
  instanceHours: number;
}

export interface BudgetStatus {
  budget: Budget;
  month: string;
  usedUsd: number;
  usedHours: number;
  /** The larger of the two shares used, as a percentage (a budget of one kind: that one). */
  percent: number;
  /** The thresholds reached, lowest first. */
  crossed: number[];
  /** 100% or more used. */
  reached: boolean;
  /** What a person reads: "$412.50 of $400" or "120.5 instance-hours of 100". */
  summary: string;
}

/** Cents for what was used, a round budget as set ("$400"); below a cent, two significant digits. */
const usd = (amount: number, cents = true) =>
  amount > 0 && amount < 0.01
    ? `$${amount.toLocaleString('en-US', { maximumSignificantDigits: 2 })}`
    : `$${amount.toLocaleString('en-US', { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: 2 })}`;
const hours = (amount: number) =>
  amount > 0 && amount < 1
    ? amount.toLocaleString('en-US', { maximumSignificantDigits: 2 })
    : amount.toLocaleString('en-US', { maximumFractionDigits: 1 });

export function budgetStatus(budget: Budget, use: BudgetUse): BudgetStatus {
  const shares: { percent: number; summary: string }[] = [];
  if (budget.amountUsd !== null)
    shares.push({
      percent: (use.costUsd / budget.amountUsd) * 100,
      summary: `${usd(use.costUsd)} of ${usd(budget.amountUsd, !Number.isInteger(budget.amountUsd))}`,
    });
  if (budget.instanceHours !== null)
    shares.push({
      percent: (use.instanceHours / budget.instanceHours) * 100,
      summary: `${hours(use.instanceHours)} instance-hours of ${hours(budget.instanceHours)}`,
    });
  const leading = shares.reduce((a, b) => (b.percent > a.percent ? b : a));
  const crossed = [...budget.thresholds].sort((a, b) => a - b).filter((t) => leading.percent >= t);
  return {
    budget,
    month: use.month,
    usedUsd: use.costUsd,
    usedHours: use.instanceHours,
    percent: leading.percent,
    crossed,
    reached: leading.percent >= 100,
    summary: leading.summary,
  };
}

/** The refusal new work gets once a hard-stop budget is reached. */
export function budgetReachedMessage(status: BudgetStatus): string {
  return `Project budget for ${monthName(status.month)} reached: ${status.summary}. Ask an owner to raise it.`;
}

/** The warning owners see (banner, audit trail) when a threshold is crossed. */
export function budgetWarningMessage(status: BudgetStatus, threshold: number): string {
  return `The project has used ${threshold}% or more of its budget for ${monthName(status.month)}: ${status.summary}.`;
}
