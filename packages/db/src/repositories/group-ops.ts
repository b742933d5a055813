import { randomUUID } from 'node:crypto';

import type { TxOp } from '../tx';

export type GroupMembershipAction = 'added' | 'removed' | 'group_deleted';

/** Removing a member and recording it in the group's history always commit together. */
export function groupRemovalOps(
  group: string,
  username: string,
  action: Exclude<GroupMembershipAction, 'added'>,
  actor: string,
  at: string,
): TxOp[] {
  return [
    ({ groupMember }) => groupMember.delete({ group, username }).commit(),
    groupEventOp(group, username, action, actor, at),
  ];
}

export function groupEventOp(
  group: string,
  username: string,
  action: GroupMembershipAction,
  actor: string,
  at: string,
): TxOp {
  return ({ groupMembershipEvent }) =>
    groupMembershipEvent
      .create({ id: randomUUID(), group, username, action, actionedBy: actor, actionedAt: at })
      .commit();
}
