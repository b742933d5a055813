import { csvField } from '../cost-controls/report-csv';
import type { PricedUsage } from './cost';

export const usageColumns = [
  'Day',
  'Project',
  'Kind',
  'User',
  'Instance type',
  'Instance-hours',
  'Estimated cost (USD)',
] as const;

/** The lines as CSV; a cost with no price known is left empty, never written as 0. */
export function usageCsv(lines: readonly PricedUsage[]): string {
  const rows = lines.map((line) =>
    [
      line.day,
      line.project,
      line.kind,
      line.owner,
      line.instanceType,
      line.instanceHours.toFixed(3),
      line.costUsd === null ? null : line.costUsd.toFixed(2),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[usageColumns.map(csvField).join(','), ...rows].join('\r\n')}\r\n`;
}
