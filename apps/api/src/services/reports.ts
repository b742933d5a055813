/**
 * Admin resource reports: a CSV of every resource in every project, read by designed keys (see
 * db `walkAllResources`), stored in S3 under `reports/`, and recorded as a Report item.
 */
import { randomUUID } from 'node:crypto';

import type { ReportStorage } from '@mlspace/aws';
import { reportHeader, reportRow } from '@mlspace/core';
import type { Db, ReportRecord } from '@mlspace/db';

/** `mlspace-report-20260102T030405Z-1a2b.csv`: sorts by time, unique within the second. */
export function reportName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `mlspace-report-${stamp}-${randomUUID().slice(0, 4)}.csv`;
}

export async function buildReportCsv(db: Db): Promise<{ csv: string; rowCount: number }> {
  const lines = [reportHeader];
  for await (const records of db.walkAllResources()) {
    for (const record of records) lines.push(reportRow(record));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rowCount: lines.length - 1 };
}

export async function generateReport(
  db: Db,
  storage: ReportStorage,
  actor: string,
  now = new Date(),
): Promise<ReportRecord> {
  const { csv, rowCount } = await buildReportCsv(db);
  const name = reportName(now);
  const objectKey = storage.keyFor(name);
  await storage.put(objectKey, csv);
  return db.reports.create({
    name,
    objectKey,
    rowCount,
    sizeBytes: Buffer.byteLength(csv),
    createdBy: actor,
  });
}
