/**
 * Which workers label which object: each object goes to `perObject` different workers, handed out
 * in turn, so every worker gets the same number of objects (give or take one).
 */
export function assignWorkers(
  objectCount: number,
  workers: readonly string[],
  perObject: number,
): string[][] {
  if (perObject > workers.length)
    throw new Error(`cannot give each object to ${perObject} of ${workers.length} workers`);
  return Array.from({ length: objectCount }, (_, object) =>
    Array.from(
      { length: perObject },
      (_, turn) => workers[(object * perObject + turn) % workers.length]!,
    ),
  );
}
