/**
 * The sweep's quota repair: every project's counters are recounted from its running resources,
 * so a release that was lost (a record removed outside the registry's transactions, a counter
 * written by hand) cannot hold a slot forever. Projects are read page by page from the projects
 * index (a Query); each recount is two Queries and a BatchGet (packages/db repositories/quotas.ts).
 */
import type { Db } from '@mlspace/db';

export interface QuotaCorrection {
  project: string;
  dimension: string;
  found: number;
  counted: number;
}

export async function reconcileQuotas(db: Db): Promise<QuotaCorrection[]> {
  const corrections: QuotaCorrection[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.projects.listAll({ cursor, limit: 100 });
    for (const project of page.items)
      for (const fixed of await db.quotas.reconcile(project.name))
        corrections.push({ project: project.name, ...fixed });
    cursor = page.cursor;
  } while (cursor);
  return corrections;
}
