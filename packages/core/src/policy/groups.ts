import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { GroupFacts, Principal } from './facts';
import { whenActive, whenAdmin } from './gate';

/** Create, update and delete groups, and add or remove their members. */
export function canManageGroups(principal: Principal | null): Decision {
  return whenAdmin(
    principal,
    'Only admins may create, update and delete groups and change their members',
  );
}

/** Read a group, its members, its projects and its membership history. */
export function canReadGroup(principal: Principal | null, group: GroupFacts): Decision {
  return whenActive(principal, (user) =>
    user.isAdmin || group.callerIsMember
      ? allow
      : deny(`You are not a member of group '${group.name}'`),
  );
}
