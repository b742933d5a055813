import type { Context } from '../model';
import type { TxOp } from '../tx';

/** Splits projects into those where the user is the only direct owner and the rest. */
export async function projectsWhereLastOwner(
  context: Context,
  names: readonly string[],
): Promise<{ lastOwnerOf: string[]; others: string[] }> {
  if (names.length === 0) return { lastOwnerOf: [], others: [] };
  const { data } = await context.model.entities.project.get(names.map((name) => ({ name }))).go();
  const counts = new Map(data.map((project) => [project.name, project.ownerCount]));
  const lastOwnerOf = names.filter((name) => (counts.get(name) ?? 0) <= 1);
  return { lastOwnerOf, others: names.filter((name) => !lastOwnerOf.includes(name)) };
}

/** One fewer direct owner; fails (ConditionalCheckFailed) rather than reaching zero. */
export function ownerDecrementOp(name: string, at: string): TxOp {
  return ({ project }) =>
    project
      .patch({ name })
      .subtract({ ownerCount: 1 })
      .set({ updatedAt: at })
      .where((attributes, { gt }) => gt(attributes.ownerCount, 1))
      .commit();
}

export function ownerIncrementOp(name: string, at: string): TxOp {
  return ({ project }) =>
    project.patch({ name }).add({ ownerCount: 1 }).set({ updatedAt: at }).commit();
}
