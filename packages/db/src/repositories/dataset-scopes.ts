/**
 * The scopes whose datasets a user can see (ADR 011), resolved from the same rows as "my
 * projects": the user's gsi2 partition (direct projects and groups), each group's project links,
 * then the project and group rows themselves (BatchGet) for deletion and the `holdsDatasets` hint.
 * Nothing here is copied per user, so a membership removed is a scope gone on the next request.
 */
import type { DatasetKey } from '@mlspace/core';

import type { Context } from '../model';
import { principalRows } from '../memberships';

/** A project or group the user reaches, and whether it may hold datasets (undefined: not known). */
export interface VisibleScope {
  name: string;
  holdsDatasets: boolean | undefined;
}

export interface VisibleDatasetScopes {
  /** Projects the user reaches directly or through a group, not being deleted, by name. */
  projects: VisibleScope[];
  /** The user's groups, by name. */
  groups: VisibleScope[];
}

const batchGetLimit = 100;
/** Only what the list decides on: rows of a thousand projects stay small. */
const hintAttributes = ['name', 'deletion', 'holdsDatasets'] as const;

function chunks<T>(values: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < values.length; index += size)
    result.push(values.slice(index, index + size));
  return result;
}

function byName(a: VisibleScope, b: VisibleScope): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'ConditionalCheckFailedException' ||
      /conditional request failed/i.test(error.message))
  );
}

export function createDatasetScopes(context: Context) {
  const { project, group } = context.model.entities;

  /** Sets the hint without creating a row: a scope that does not exist has nothing to mark. */
  async function mark(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  return {
    async visibleTo(username: string): Promise<VisibleDatasetScopes> {
      const rows = await principalRows(context, 'user', username);
      const links = await Promise.all(
        rows.groups.map((row) => principalRows(context, 'group', row.group)),
      );
      const projectNames = [
        ...new Set([
          ...rows.projects.map((row) => row.project.toLowerCase()),
          ...links.flatMap((groupRows) =>
            groupRows.projects.map((row) => row.project.toLowerCase()),
          ),
        ]),
      ];
      const groupNames = [...new Set(rows.groups.map((row) => row.group.toLowerCase()))];
      const [projectItems, groupItems] = await Promise.all([
        Promise.all(
          chunks(projectNames, batchGetLimit).map(
            async (names) =>
              (
                await project
                  .get(names.map((name) => ({ name })))
                  .go({ attributes: hintAttributes })
              ).data,
          ),
        ),
        Promise.all(
          chunks(groupNames, batchGetLimit).map(
            async (names) =>
              (await group.get(names.map((name) => ({ name }))).go({ attributes: hintAttributes }))
                .data,
          ),
        ),
      ]);
      // Members of a project being deleted no longer reach its datasets (ADR 010).
      return {
        projects: projectItems
          .flat()
          .filter((item) => !item.deletion)
          .map((item) => ({ name: item.name, holdsDatasets: item.holdsDatasets }))
          .sort(byName),
        // A group being deleted keeps its shares until the deletion removes them, as `datasets.get` does.
        groups: groupItems
          .flat()
          .map((item) => ({ name: item.name, holdsDatasets: item.holdsDatasets }))
          .sort(byName),
      };
    },

    /**
     * Called before a dataset or share is written, so no list can skip a scope that holds one:
     * true is never taken back, and false is only ever written while the hint is unset.
     */
    async markHolding(key: DatasetKey, groups: readonly string[]): Promise<void> {
      await Promise.all([
        ...(key.scope === 'project'
          ? [mark(() => project.patch({ name: key.scopeId }).set({ holdsDatasets: true }).go())]
          : []),
        ...groups.map((name) =>
          mark(() => group.patch({ name }).set({ holdsDatasets: true }).go()),
        ),
      ]);
    },

    /** A list found the scope empty from its start: later lists skip it until a dataset arrives. */
    async markEmptyIfUnknown(scope: { project: string } | { group: string }): Promise<void> {
      await mark(() =>
        'project' in scope
          ? project
              .patch({ name: scope.project })
              .set({ holdsDatasets: false })
              .where((attributes, { notExists }) => notExists(attributes.holdsDatasets))
              .go()
          : group
              .patch({ name: scope.group })
              .set({ holdsDatasets: false })
              .where((attributes, { notExists }) => notExists(attributes.holdsDatasets))
              .go(),
      );
    },
  };
}

export type DatasetScopes = ReturnType<typeof createDatasetScopes>;
