import type { Decision } from './decision';
import type { Principal } from './facts';
import { whenAdmin } from './gate';

/**
 * Change a project's quotas. Only admins: quotas bound what owners may spend, so owners see them
 * (read-only, with the project) but do not set them (ADR 021).
 */
export function canSetProjectQuotas(principal: Principal | null): Decision {
  return whenAdmin(principal, "Only admins may change a project's quotas");
}
