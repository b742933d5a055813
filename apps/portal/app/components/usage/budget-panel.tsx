import { useEffect, useState, type FormEvent } from 'react';

import { defaultBudgetThresholds, type BudgetStatus } from '@mlspace/core';

import { Button, ErrorNote } from '../ui';
import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';
import { monthTitle } from './usage-labels';

const field =
  'w-32 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

/** A positive number, or why the text is not one ('' is "none"). */
function amountProblem(text: string): string | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? null : 'must be a number more than 0';
}

function thresholdsOf(text: string): number[] | null {
  const values = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  const valid =
    values.length > 0 &&
    values.length <= 5 &&
    values.every((value) => Number.isInteger(value) && value >= 1 && value <= 100) &&
    new Set(values).size === values.length;
  return valid ? values : null;
}

function Progress({ status }: { status: BudgetStatus }) {
  const percent = Math.min(status.percent, 100);
  const tone = status.reached
    ? 'bg-red-600'
    : status.crossed.length > 0
      ? 'bg-amber-500'
      : 'bg-emerald-600';
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span>
          <strong>{Math.round(status.percent)}%</strong> of the budget for{' '}
          {monthTitle(status.month)} used: {status.summary}
        </span>
        {status.budget.hardStop ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">Hard stop at 100%</span>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label="Budget used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        className="relative mt-2 h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
        {status.budget.thresholds
          .filter((threshold) => threshold < 100)
          .map((threshold) => (
            <span
              key={threshold}
              aria-hidden="true"
              className="absolute top-0 h-full w-px bg-slate-500/60"
              style={{ left: `${threshold}%` }}
            />
          ))}
      </div>
    </div>
  );
}

/**
 * A project's monthly budget: how much is used, and for owners and admins the form that sets it
 * (an amount in USD, instance-hours, or both; warning thresholds; the hard stop).
 */
export function BudgetPanel({
  project,
  status,
  mayEdit,
}: {
  project: string;
  status: BudgetStatus | null;
  mayEdit: boolean;
}) {
  const utils = trpc.useUtils();
  const budget = status?.budget ?? null;
  const [amount, setAmount] = useState('');
  const [hours, setHours] = useState('');
  const [thresholds, setThresholds] = useState(defaultBudgetThresholds.join(', '));
  const [hardStop, setHardStop] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setAmount(budget?.amountUsd === null || !budget ? '' : String(budget.amountUsd));
    setHours(budget?.instanceHours === null || !budget ? '' : String(budget.instanceHours));
    setThresholds((budget?.thresholds ?? defaultBudgetThresholds).join(', '));
    setHardStop(budget?.hardStop ?? false);
  }, [budget]);
  const save = trpc.usage.setBudget.useMutation({
    onSuccess: async (saved) => {
      setNotice(saved ? 'Budget saved.' : 'Budget removed.');
      await Promise.all([utils.usage.project.invalidate(), utils.usage.budgetBanner.invalidate()]);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const levels = thresholdsOf(thresholds);
    const trouble =
      (amountProblem(amount) && `Amount: ${amountProblem(amount)}`) ||
      (amountProblem(hours) && `Instance-hours: ${amountProblem(hours)}`) ||
      (amount.trim() === '' && hours.trim() === ''
        ? 'Amount: set an amount in USD, instance-hours, or both'
        : null) ||
      (levels ? null : 'Warn at: list 1 to 5 different whole percentages from 1 to 100');
    setProblem(trouble);
    if (trouble || !levels) return;
    save.mutate({
      project,
      budget: {
        amountUsd: amount.trim() === '' ? null : Number(amount),
        instanceHours: hours.trim() === '' ? null : Number(hours),
        thresholds: levels,
        hardStop,
      },
    });
  }

  return (
    <section
      aria-labelledby="budget-title"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div>
        <h3 id="budget-title" className="font-medium">
          Monthly budget
        </h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {budget
            ? `Owners are warned at ${budget.thresholds.map((t) => `${t}%`).join(', ')}${
                budget.hardStop
                  ? '; at 100% the project’s notebooks are stopped and new work is refused until the month ends or the budget is raised.'
                  : '.'
              }`
            : 'No budget: use is measured, nothing is limited.'}
        </p>
      </div>
      {status ? <Progress status={status} /> : null}
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          {notice}
        </p>
      ) : null}
      {mayEdit ? (
        <form onSubmit={submit} noValidate className="space-y-3">
          <ErrorNote message={problem ?? errorMessage(save.error)} />
          <div className="flex flex-wrap items-end gap-4 text-sm">
            <label className="flex flex-col gap-1">
              Amount (USD)
              <input
                id="budget-amount"
                inputMode="decimal"
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
                className={field}
                placeholder="none"
              />
            </label>
            <label className="flex flex-col gap-1">
              Instance-hours
              <input
                id="budget-hours"
                inputMode="decimal"
                value={hours}
                onChange={(event) => setHours(event.target.value)}
                className={field}
                placeholder="none"
              />
            </label>
            <label className="flex flex-col gap-1">
              Warn at (%)
              <input
                id="budget-thresholds"
                value={thresholds}
                onChange={(event) => setThresholds(event.target.value)}
                className={field}
              />
            </label>
            <label className="flex items-center gap-2 pb-1.5">
              <input
                type="checkbox"
                checked={hardStop}
                onChange={(event) => setHardStop(event.target.checked)}
              />
              Stop notebooks and refuse new work at 100%
            </label>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="primary" disabled={save.isPending}>
              Save budget
            </Button>
            {budget ? (
              <Button
                variant="danger"
                disabled={save.isPending}
                onClick={() => save.mutate({ project, budget: null })}
              >
                Remove budget
              </Button>
            ) : null}
          </div>
        </form>
      ) : budget ? null : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Owners of the project set its budget.
        </p>
      )}
    </section>
  );
}
