import { assertAllowed, canCreateProject, type Principal } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import type { ConfigService } from './config-service';

/**
 * The allowed-groups setting is enforced, not just stored: project creation follows the dynamic
 * configuration's policy (everyone, admins only, or members of allowed groups). `projects.create`
 * calls this before creating anything.
 */
export async function assertMayCreateProject(
  services: { db: Db; configService: ConfigService },
  principal: Principal,
): Promise<void> {
  const policy = await services.configService.projectCreationPolicy();
  const callerGroups =
    policy.mode === 'groups' && !principal.isAdmin
      ? (await services.db.groups.listForUser(principal.username)).map((group) => group.name)
      : [];
  assertAllowed(canCreateProject(principal, policy, callerGroups));
}
