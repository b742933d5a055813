import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { Principal } from './facts';

export const signInFirst = 'Sign in first';
export const accountSuspended = 'Your account is suspended';

/** Every rule but the banner's and the own-account page's starts here: anonymous and suspended callers stop. */
export function whenActive(
  principal: Principal | null,
  rule: (user: Principal) => Decision,
): Decision {
  if (principal === null) return deny(signInFirst);
  if (principal.suspended) return deny(accountSuspended);
  return rule(principal);
}

export function whenAdmin(principal: Principal | null, reason: string): Decision {
  return whenActive(principal, (user) => (user.isAdmin ? allow : deny(reason)));
}
