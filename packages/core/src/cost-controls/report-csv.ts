import type { ResourceRecord } from '../compute/resource-record';

export const reportColumns = [
  'Kind',
  'Name',
  'Project',
  'Owner',
  'Instance type',
  'Instance count',
  'Status',
  'Created',
  'Started',
  'Stopped',
  'Auto-stop or termination',
  'Instance-hours',
  'Estimated cost (USD)',
] as const;

/** A resource's use over its life; cost null when no price is known (left empty, never 0). */
export interface ResourceCost {
  instanceHours: number | null;
  costUsd: number | null;
}

/** RFC 4180: quote a field when it holds a comma, quote or line break; double inner quotes. */
export function csvField(value: string | null): string {
  const text = value ?? '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportRow(record: ResourceRecord, cost: ResourceCost): string {
  return [
    record.kind,
    record.name,
    record.project,
    record.owner,
    record.instanceType,
    record.instanceCount === null ? null : String(record.instanceCount),
    record.status,
    record.createdAt,
    record.startedAt,
    record.stoppedAt,
    record.stopAt ?? record.terminateAt,
    cost.instanceHours === null ? null : cost.instanceHours.toFixed(3),
    cost.costUsd === null ? null : cost.costUsd.toFixed(2),
  ]
    .map(csvField)
    .join(',');
}

export const reportHeader = reportColumns.map(csvField).join(',');
