/**
 * The facts `canReadGroup` decides on. As with projects, only admins learn that a group does not
 * exist; anyone else gets the same denial as for a group they do not belong to.
 */
import {
  ForbiddenError,
  NotFoundError,
  assertAllowed,
  canReadGroup,
  type GroupView,
  type Principal,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

export async function authorizeGroupRead(
  db: Db,
  principal: Principal,
  name: string,
): Promise<GroupView> {
  const [group, callerGroups] = await Promise.all([
    db.groups.get(name),
    db.groups.listForUser(principal.username),
  ]);
  if (!group) {
    if (principal.isAdmin) throw new NotFoundError(`Group ${name} does not exist`);
    throw new ForbiddenError(`You are not a member of group '${name}'`);
  }
  assertAllowed(
    canReadGroup(principal, {
      name: group.name,
      callerIsMember: callerGroups.some((mine) => mine.name === group.name),
    }),
  );
  return group;
}

/**
 * A group's history outlives it, so admins may read it for a deleted group too. Members read only
 * their group's own history: events of an earlier, deleted group of the same name (from before
 * this group was created) are not theirs to see.
 */
export async function authorizeGroupHistoryRead(
  db: Db,
  principal: Principal,
  name: string,
): Promise<{ name: string; since: string | null }> {
  if (principal.isAdmin && !(await db.groups.get(name))) {
    assertAllowed(canReadGroup(principal, { name, callerIsMember: false }));
    return { name, since: null };
  }
  const group = await authorizeGroupRead(db, principal, name);
  return { name: group.name, since: principal.isAdmin ? null : group.createdAt };
}
