import type { ComputeKind, Page, ResourceRecord } from '@mlspace/core';
import type { Db, ListResourcesInput } from '@mlspace/db';

/**
 * "My resources" of one kind: what the caller created, in the projects they still belong to.
 * Resources left behind in a project the caller left (or was removed from) are not theirs to see.
 */
export async function listMyResources(
  db: Db,
  username: string,
  kind: ComputeKind,
  page: Omit<ListResourcesInput, 'owner'>,
): Promise<Page<ResourceRecord>> {
  const owned = await db.resources.listByOwner(username, kind, page);
  const projects = [...new Set(owned.items.map((record) => record.project))];
  const roles = await Promise.all(
    projects.map((project) => db.membership.effectiveRole(project, username)),
  );
  const stillMember = new Set(projects.filter((_, index) => roles[index] !== null));
  return {
    items: owned.items.filter((record) => stillMember.has(record.project)),
    cursor: owned.cursor,
  };
}
