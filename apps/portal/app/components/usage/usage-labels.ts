import type { ComputeKind } from '@mlspace/core';

import { projectPath } from '../project-sections';

/** The words and pages of the kinds that are metered in instance-hours. */
const meteredKinds: Partial<Record<ComputeKind, { label: string; segment: string }>> = {
  notebook: { label: 'Notebooks', segment: 'notebooks' },
  trainingJob: { label: 'Training jobs', segment: 'training' },
  hpoJob: { label: 'Tuning jobs', segment: 'tuning' },
  transformJob: { label: 'Transform jobs', segment: 'transform' },
  endpoint: { label: 'Endpoints', segment: 'endpoints' },
  emrCluster: { label: 'Clusters', segment: 'clusters' },
};

export function kindLabel(kind: ComputeKind): string {
  return meteredKinds[kind]?.label ?? kind;
}

export function resourceHref(project: string, kind: ComputeKind, name: string): string {
  const segment = meteredKinds[kind]?.segment;
  return segment
    ? projectPath(project, `${segment}/${encodeURIComponent(name)}`)
    : projectPath(project);
}

/** Cents; a use below a cent keeps two significant digits rather than reading as nothing. */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.01)
    return `$${amount.toLocaleString('en-US', { maximumSignificantDigits: 2 })}`;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Tenths of an hour; a use below that keeps two significant digits. */
export function formatHours(hours: number): string {
  if (hours > 0 && hours < 0.1)
    return hours.toLocaleString('en-US', { maximumSignificantDigits: 2 });
  return hours.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** The month before or after a YYYY-MM month. */
export function shiftMonth(month: string, by: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, index - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

export function monthTitle(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
