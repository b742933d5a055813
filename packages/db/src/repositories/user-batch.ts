import { NotFoundError, ValidationError } from '@mlspace/core';

/** The distinct usernames of one "add members" request, within the per-request limit. */
export function distinctUsernames(usernames: readonly string[], max: number): string[] {
  const unique = [...new Set(usernames)];
  if (unique.length === 0) throw new ValidationError('usernames', 'must name at least one user');
  if (unique.length > max)
    throw new ValidationError('usernames', `may name at most ${max} users at a time`);
  return unique;
}

/** Names every requested user that does not exist, in one error, before anything is written. */
export function assertAllUsersExist(
  requested: readonly string[],
  found: ReadonlyArray<{ username: string }>,
): void {
  const known = new Set(found.map((item) => item.username));
  const unknown = requested.filter((username) => !known.has(username));
  if (unknown.length > 0)
    throw new NotFoundError(`These users do not exist: ${unknown.join(', ')}`);
}
