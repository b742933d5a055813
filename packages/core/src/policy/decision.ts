import { ForbiddenError } from '../errors';

export interface Allowed {
  allowed: true;
}

/** `reason` is shown to the caller, so it names the rule that denied, never internal state. */
export interface Denied {
  allowed: false;
  reason: string;
}

export type Decision = Allowed | Denied;

export const allow: Allowed = Object.freeze({ allowed: true });

export function deny(reason: string): Denied {
  return { allowed: false, reason };
}

/** The one bridge from a decision to the error the API maps to `FORBIDDEN`. */
export function assertAllowed(decision: Decision): asserts decision is Allowed {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}
