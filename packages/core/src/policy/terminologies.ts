import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { Principal } from './facts';
import { whenActive } from './gate';

/**
 * Custom terminologies are shared by every user, as Amazon Translate's are across an account and
 * as the reference listed them to any active user: anyone active reads and imports them. Only the
 * user who imported one (or an admin) deletes it, since others' jobs may rely on it.
 */
export function canUseTerminologies(principal: Principal | null): Decision {
  return whenActive(principal, () => allow);
}

export function canDeleteTerminology(
  principal: Principal | null,
  terminology: { name: string; importedBy: string | null },
): Decision {
  return whenActive(principal, (user) =>
    user.isAdmin || terminology.importedBy === user.username
      ? allow
      : deny(`Only the user who imported terminology ${terminology.name} and admins may delete it`),
  );
}
