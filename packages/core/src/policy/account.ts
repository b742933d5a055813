import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { Principal } from './facts';
import { signInFirst, whenActive } from './gate';

/** The banner and login settings are the only things readable without signing in. */
export function canReadBanner(_principal: Principal | null): Decision {
  return allow;
}

/** Suspended users must still learn that they are suspended, so this skips the suspension gate. */
export function canSeeOwnAccount(principal: Principal | null): Decision {
  return principal === null ? deny(signInFirst) : allow;
}

/** Preferences and API tokens belong to one user; admins manage accounts, not other people's settings. */
export function canEditOwnPreferences(principal: Principal | null, username: string): Decision {
  return whenActive(principal, (user) =>
    user.username === username
      ? allow
      : deny('You may change only your own preferences and API tokens'),
  );
}
