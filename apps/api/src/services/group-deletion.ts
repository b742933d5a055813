/**
 * Deleting a group: the group is marked first (with the members and projects it had), then its
 * shares, links and members go in as many transactions as they need and the group last, so a
 * later group of the same name starts with nothing. A deletion that fails part-way keeps the group
 * and its name, listed for the sweep, which finishes it. Members who reached a project only
 * through the group then lose it as if removed: their resources there cascade.
 */
import type { ApiServices } from '../services';
import type { CascadeReport } from './cascade';
import { cascadeForLostAccess } from './lost-access';

export async function deleteGroup(
  ctx: Pick<ApiServices, 'db' | 'cascade'>,
  name: string,
  actor: string,
): Promise<CascadeReport[]> {
  const had = await ctx.db.groups.startDeletion(name, actor);
  await ctx.db.groups.delete(name, actor);
  const cascades: CascadeReport[] = [];
  for (const project of had.projects)
    cascades.push(...(await cascadeForLostAccess(ctx, project, had.members, actor)));
  return cascades;
}
