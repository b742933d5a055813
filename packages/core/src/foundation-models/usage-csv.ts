import { csvField } from '../cost-controls/report-csv';
import type { ModelUsageRow } from './schemas';

/** The foundation-model usage report: one row per project, user and model of a month. */
export const modelUsageColumns = [
  'Month',
  'Project',
  'User',
  'Source',
  'Model',
  'Requests',
  'Input tokens',
  'Output tokens',
] as const;

export const modelUsageHeader = modelUsageColumns.map(csvField).join(',');

export function modelUsageCsvRow(row: ModelUsageRow): string {
  return [
    row.month,
    row.project,
    row.username,
    row.source === 'bedrock' ? 'Bedrock' : 'Endpoint',
    row.model,
    String(row.requests),
    String(row.inputTokens),
    String(row.outputTokens),
  ]
    .map(csvField)
    .join(',');
}
