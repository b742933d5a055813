/**
 * When a group link goes (the group is unlinked from a project, or deleted), its members who
 * reached the project only through it lose the project as if they had been removed: their
 * resources there cascade the same way. Members who still reach it another way keep everything.
 */
import type { ApiServices } from '../services';
import type { CascadeReport } from './cascade';

/** Every member of a group, read before the link (or the group) goes. */
export async function groupMemberNames(db: ApiServices['db'], group: string): Promise<string[]> {
  const usernames: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.groups.listMembers(group, { cursor, limit: 100 });
    usernames.push(...page.items.map((member) => member.username));
    cursor = page.cursor;
  } while (cursor);
  return usernames;
}

export async function cascadeForLostAccess(
  ctx: Pick<ApiServices, 'db' | 'cascade'>,
  project: string,
  usernames: readonly string[],
  actor: string,
): Promise<CascadeReport[]> {
  const reports: CascadeReport[] = [];
  for (const username of usernames) {
    if ((await ctx.db.membership.effectiveRole(project, username)) !== null) continue;
    reports.push(await ctx.cascade.memberRemoved(project, username, actor));
  }
  return reports;
}
