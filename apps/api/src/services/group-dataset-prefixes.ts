import { datasetPrefix } from '@mlspace/core';
import type { Db } from '@mlspace/db';

/**
 * The S3 prefixes of the group datasets shared with any of `username`'s groups: what the user's
 * project-user roles may reach on AWS, matching what the dataset policy lets them read.
 */
export async function groupDatasetPrefixes(db: Db, username: string): Promise<string[]> {
  const names = new Set<string>();
  for (const group of await db.groups.listForUser(username)) {
    let cursor: string | null | undefined;
    do {
      const page = await db.datasets.listSharedWithGroup(group.name, { cursor, limit: 100 });
      for (const dataset of page.items) names.add(dataset.name);
      cursor = page.cursor;
    } while (cursor);
  }
  return [...names].sort().map((name) => datasetPrefix('group', 'group', name));
}
