/**
 * The scopes whose datasets a user can see (ADR 011), read through the user's reach
 * (`../reach.ts`, kept by `../reach-cache.ts` while the reach epoch stands): their groups, then
 * their projects by name a chunk at a time, each with its `holdsDatasets` hint. Nothing is copied
 * per user, so a membership removed is a scope gone on the next request.
 */
import type { DatasetKey } from '@mlspace/core';

import type { Context } from '../model';
import type { ReachCache } from '../reach-cache';
import { writeTransactionIfConditionsHold } from '../tx';

/** A project or group the user reaches, and whether it may hold datasets (undefined: not known). */
export interface VisibleScope {
  name: string;
  holdsDatasets: boolean | undefined;
}

export interface VisibleDatasetScopes {
  /** The user's groups, by name. */
  groups: VisibleScope[];
  /**
   * Projects the user reaches directly or through a group, not being deleted, by lower-cased
   * name from `from` (inclusive) on, a chunk at a time: a page reads only the memberships it needs.
   */
  projectsFrom(from: string | undefined, chunk: number): AsyncGenerator<VisibleScope[]>;
}

export function createDatasetScopes(context: Context, reach: ReachCache) {
  const { model } = context;

  return {
    /** `reachEpoch`: the reach epoch when the caller has just read it (`readEpochs`). */
    async visibleTo(username: string, reachEpoch?: number): Promise<VisibleDatasetScopes> {
      const { groups, projectsFrom } = await reach.of(username, reachEpoch);
      return {
        // A group being deleted keeps its shares until the deletion removes them, as `datasets.get` does.
        groups: groups.map((row) => ({ name: row.name, holdsDatasets: row.holdsDatasets })),
        async *projectsFrom(from, chunk) {
          for await (const batch of projectsFrom(from, chunk)) {
            // Members of a project being deleted no longer reach its datasets (ADR 010).
            const scopes = batch
              .filter((reached) => !reached.item.deletion)
              .map((reached) => ({
                name: reached.item.name,
                holdsDatasets: reached.item.holdsDatasets,
              }));
            if (scopes.length > 0) yield scopes;
          }
        },
      };
    },

    /**
     * Called before a dataset or share is written, so no list can skip a scope that holds one:
     * true is never taken back, and false is only ever written while the hint is unset. Written
     * only while not already true (a scope that does not exist has nothing to mark), so the reach
     * epoch moves once per scope, not once per dataset.
     */
    async markHolding(key: DatasetKey, groups: readonly string[]): Promise<void> {
      await Promise.all([
        ...(key.scope === 'project'
          ? [
              writeTransactionIfConditionsHold(model, [
                ({ project }) =>
                  project
                    .patch({ name: key.scopeId })
                    .set({ holdsDatasets: true })
                    .where(
                      (attributes, { eq, notExists }) =>
                        `(${notExists(attributes.holdsDatasets)} OR ${eq(attributes.holdsDatasets, false)})`,
                    )
                    .commit(),
              ]),
            ]
          : []),
        ...groups.map((name) =>
          writeTransactionIfConditionsHold(model, [
            ({ group }) =>
              group
                .patch({ name })
                .set({ holdsDatasets: true })
                .where(
                  (attributes, { eq, notExists }) =>
                    `(${notExists(attributes.holdsDatasets)} OR ${eq(attributes.holdsDatasets, false)})`,
                )
                .commit(),
          ]),
        ),
      ]);
    },

    /** A list found the scope empty from its start: later lists skip it until a dataset arrives. */
    async markEmptyIfUnknown(scope: { project: string } | { group: string }): Promise<void> {
      await writeTransactionIfConditionsHold(model, [
        'project' in scope
          ? ({ project }) =>
              project
                .patch({ name: scope.project })
                .set({ holdsDatasets: false })
                .where((attributes, { notExists }) => notExists(attributes.holdsDatasets))
                .commit()
          : ({ group }) =>
              group
                .patch({ name: scope.group })
                .set({ holdsDatasets: false })
                .where((attributes, { notExists }) => notExists(attributes.holdsDatasets))
                .commit(),
      ]);
    },
  };
}

export type DatasetScopes = ReturnType<typeof createDatasetScopes>;
