import { NotFoundError, type Page } from '@mlspace/core';

import type { ReportItem } from '../entities/report';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { writeTransaction } from '../tx';
import { auditOp } from './audit-op';
import { queryParams } from '../query-params';

export interface ReportRecord {
  name: string;
  objectKey: string;
  rowCount: number;
  sizeBytes: number;
  createdBy: string;
  createdAt: string;
  /** What the report covers, in words. */
  description: string;
}

function toRecord(item: ReportItem): ReportRecord {
  return {
    name: item.name,
    objectKey: item.objectKey,
    rowCount: item.rowCount,
    sizeBytes: item.sizeBytes,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    description: item.description ?? 'All resources',
  };
}

export function createReportsRepository(context: Context) {
  const { model } = context;
  const { report } = model.entities;

  return {
    async create(input: Omit<ReportRecord, 'createdAt'>): Promise<ReportRecord> {
      const item = { ...input, createdAt: context.now() };
      await writeTransaction(
        model,
        [
          ({ report }) => report.create(item).commit(),
          auditOp(
            {
              actor: input.createdBy,
              action: 'report.created',
              targetType: 'report',
              targetId: input.name,
              after: { rowCount: input.rowCount, description: input.description },
            },
            item.createdAt,
          ),
        ],
        () => `A report named ${input.name} already exists`,
      );
      return item;
    },

    async get(name: string): Promise<ReportRecord | null> {
      const { data } = await report.get({ name }).go();
      return data ? toRecord(data) : null;
    },

    /** Newest first: a Query on the `reports` partition, descending. */
    list(input: { cursor?: string | null; limit: number }): Promise<Page<ReportRecord>> {
      const params = queryParams(report.query.byName({}).params({ order: 'desc' }));
      return queryPage(context.client, params, {
        cursor: input.cursor,
        limit: input.limit,
        toView: (Item) => {
          const { data } = report.parse({ Item });
          return data ? toRecord(data) : null;
        },
      });
    },

    async remove(name: string, actor: string): Promise<void> {
      const current = await report.get({ name }).go();
      if (!current.data) throw new NotFoundError(`There is no report named ${name}`);
      const at = context.now();
      await writeTransaction(
        model,
        [
          ({ report }) => report.delete({ name }).commit(),
          auditOp({ actor, action: 'report.deleted', targetType: 'report', targetId: name }, at),
        ],
        () => `The report ${name} was deleted at the same time`,
      );
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
