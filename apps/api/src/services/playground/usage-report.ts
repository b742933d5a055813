/**
 * The admin report of foundation-model usage in a month: every project's rows, read by one Query
 * on the month's key (ModelUsage `byMonth`), stored and recorded like the other reports, so it is
 * listed and downloaded with them.
 */
import type { ReportStorage } from '@mlspace/aws';
import { modelUsageCsvRow, modelUsageHeader } from '@mlspace/core';
import type { Db, ReportRecord } from '@mlspace/db';

import { reportName } from '../reports';

export async function buildModelUsageCsv(
  db: Db,
  month: string,
): Promise<{ csv: string; rowCount: number }> {
  const rows = await db.modelUsage.forMonth(month);
  const lines = [modelUsageHeader, ...rows.map(modelUsageCsvRow)];
  return { csv: `${lines.join('\r\n')}\r\n`, rowCount: rows.length };
}

export async function generateModelUsageReport(
  db: Db,
  storage: ReportStorage,
  actor: string,
  month: string,
  now = new Date(),
): Promise<ReportRecord> {
  const { csv, rowCount } = await buildModelUsageCsv(db, month);
  const name = reportName(now, 'mlspace-report-model-usage');
  const objectKey = storage.keyFor(name);
  await storage.put(objectKey, csv);
  return db.reports.create({
    name,
    objectKey,
    rowCount,
    sizeBytes: Buffer.byteLength(csv),
    createdBy: actor,
    description: `Foundation model usage in ${month}`,
  });
}
