/**
 * Admin reports, as the reference has them: resources of every project, of named projects or of
 * named users, and personnel (every user, suspended ones included). Each is a CSV stored in S3
 * under `reports/` and recorded as a Report item. Every row is read by a designed key: all
 * projects (`walkAllResources`), a project's resources per kind (gsi1), a user's per kind (gsi2),
 * all users (gsi1); no Scan.
 */
import { randomUUID } from 'node:crypto';

import type { ReportStorage } from '@mlspace/aws';
import {
  ValidationError,
  computeKinds,
  personnelHeader,
  personnelRow,
  reportHeader,
  reportRow,
  type Page,
  type ResourceCost,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db, ReportRecord } from '@mlspace/db';

import type { UsageService } from './usage';

export type ReportRequest =
  | { report: 'resources'; scope: 'system' }
  | { report: 'resources'; scope: 'project' | 'user'; targets: string[] }
  | { report: 'personnel' };

/** `mlspace-report-20260102T030405Z-1a2b.csv` (personnel: `mlspace-report-personnel-…`). */
export function reportName(at: Date, prefix = 'mlspace-report'): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${prefix}-${stamp}-${randomUUID().slice(0, 4)}.csv`;
}

async function* pages<T>(read: (cursor: string | null) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let cursor: string | null = null;
  do {
    const page = await read(cursor);
    yield page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** Each named project or user must exist: a report of a misspelt name would be silently empty. */
async function assertTargetsExist(
  db: Db,
  scope: 'project' | 'user',
  targets: string[],
): Promise<void> {
  const missing: string[] = [];
  for (const target of targets) {
    const found = scope === 'project' ? await db.projects.get(target) : await db.users.get(target);
    if (!found) missing.push(target);
  }
  if (missing.length > 0)
    throw new ValidationError(
      'targets',
      `there is no ${scope} named ${missing.join(', ')}; pick ${scope === 'project' ? 'projects' : 'users'} that exist`,
    );
}

async function* resourcesOf(db: Db, request: ReportRequest): AsyncGenerator<ResourceRecord[]> {
  if (request.report !== 'resources') return;
  if (request.scope === 'system') {
    yield* db.walkAllResources();
    return;
  }
  for (const target of request.targets) {
    for (const kind of computeKinds) {
      yield* pages((cursor) =>
        request.scope === 'project'
          ? db.resources.listByProject(target, kind, { cursor, limit: 100, order: 'oldest' })
          : db.resources.listByOwner(target, kind, { cursor, limit: 100, order: 'oldest' }),
      );
    }
  }
}

export async function buildReportCsv(
  db: Db,
  request: ReportRequest = { report: 'resources', scope: 'system' },
  usage?: UsageService,
): Promise<{ csv: string; rowCount: number }> {
  const lines: string[] = [];
  if (request.report === 'personnel') {
    lines.push(personnelHeader);
    for await (const users of pages((cursor) => db.users.list({ cursor, limit: 100 })))
      for (const user of users) lines.push(personnelRow(user));
  } else {
    lines.push(reportHeader);
    for await (const records of resourcesOf(db, request)) {
      const costs = usage ? await usage.lifetimeCosts(records) : null;
      for (const record of records)
        lines.push(reportRow(record, costs?.get(`${record.kind}#${record.name}`) ?? noCost));
    }
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rowCount: lines.length - 1 };
}

/** Kinds that hold no instances (models, configurations, labeling, translation) have no cost columns. */
const noCost: ResourceCost = { instanceHours: null, costUsd: null };

export function describeReport(request: ReportRequest): string {
  if (request.report === 'personnel') return 'Personnel';
  if (request.scope === 'system') return 'All resources';
  const noun = request.scope === 'project' ? 'project' : 'user';
  return `Resources of ${noun}${request.targets.length > 1 ? 's' : ''} ${request.targets.join(', ')}`;
}

export async function generateReport(
  db: Db,
  storage: ReportStorage,
  actor: string,
  request: ReportRequest = { report: 'resources', scope: 'system' },
  now = new Date(),
  usage?: UsageService,
): Promise<ReportRecord> {
  if (request.report === 'resources' && request.scope !== 'system')
    await assertTargetsExist(db, request.scope, request.targets);
  const { csv, rowCount } = await buildReportCsv(db, request, usage);
  const name = reportName(
    now,
    request.report === 'personnel' ? 'mlspace-report-personnel' : 'mlspace-report',
  );
  const objectKey = storage.keyFor(name);
  await storage.put(objectKey, csv);
  return db.reports.create({
    name,
    objectKey,
    rowCount,
    sizeBytes: Buffer.byteLength(csv),
    createdBy: actor,
    description: describeReport(request),
  });
}
