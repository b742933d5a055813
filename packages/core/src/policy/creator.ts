import type { Principal } from './facts';

/**
 * Whether the caller made this resource or dataset. The name must match, and the thing must not
 * be older than the caller's account: one older was made by an earlier account of the same name,
 * deleted since, and a name freed by deletion carries no rights. Both times come from the API's
 * clock as ISO 8601 UTC strings, so they compare as text; when either is unknown only the name
 * decides (the API always passes both).
 */
export function isCreator(
  principal: Principal,
  thing: { createdBy: string; createdAt?: string },
): boolean {
  if (thing.createdBy !== principal.username) return false;
  if (principal.createdAt && thing.createdAt) return thing.createdAt >= principal.createdAt;
  return true;
}
