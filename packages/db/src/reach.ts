/**
 * What a user reaches, read in the order lists show it (ADR 011, "The keys"): their groups (tens,
 * all at once), then their projects by name, a chunk at a time, so a page of "my projects" or of
 * "datasets I can see" reads the memberships it shows, not all of them.
 *
 * Projects reached through a group come from the group row's `linkedProjects` mirror, which is a
 * hint only: `linkGroup` adds to it in the link's own transaction (so it never misses a link), but
 * removals are best-effort, so every project reached that way is confirmed by its link row before
 * it is returned. A removed link is a project gone on the very next request.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { highestRole, type ProjectRole } from '@mlspace/core';

import type { ProjectItem } from './entities/project';
import { principalRows, userGroupNames } from './memberships';
import type { Context } from './model';
import { tableLayout } from './table';
import { partitionKeyOf, queryParams } from './query-params';

const [, gsi2] = tableLayout.globalSecondaryIndexes;

export interface ReachedGroup {
  name: string;
  holdsDatasets: boolean | undefined;
  /** Lower-cased names of the projects the group may be linked to (unconfirmed). */
  linkedProjects: string[];
}

export interface ReachedProject {
  /** The lower-cased name lists order and cursors compare by. */
  key: string;
  item: ProjectItem;
  role: ProjectRole;
  directRole: ProjectRole | null;
  viaGroups: { group: string; role: ProjectRole }[];
}

const batchGetLimit = 100;
/** Past the last project sort key of a user's gsi2 partition (names are letters and digits). */
const endOfProjects = 'project#~';

function chunks<T>(values: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < values.length; index += size)
    result.push(values.slice(index, index + size));
  return result;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The user's groups by name, with each group's dataset hint and (unconfirmed) project links. */
export async function reachedGroups(context: Context, username: string): Promise<ReachedGroup[]> {
  const { group } = context.model.entities;
  const names = await userGroupNames(context, username);
  const rows = (
    await Promise.all(
      chunks(names, batchGetLimit).map(
        async (batch) =>
          (
            await group
              .get(batch.map((name) => ({ name })))
              .go({ attributes: ['name', 'holdsDatasets', 'linkedProjects', 'linksMirrored'] })
          ).data,
      ),
    )
  ).flat();
  return Promise.all(
    rows.sort(byName).map(async (row) => ({
      name: row.name,
      holdsDatasets: row.holdsDatasets,
      // Rows written before the mirror existed say nothing; their link rows do.
      linkedProjects: row.linksMirrored
        ? [...(row.linkedProjects ?? [])].map((name) => name.toLowerCase())
        : (await principalRows(context, 'group', row.name)).projects.map((link) =>
            link.project.toLowerCase(),
          ),
    })),
  );
}

/**
 * The user's projects (direct or through `groups`), from `from` (inclusive, lower-cased) on, in
 * name order, a chunk at a time. Deleted projects are left out; suspended and being-deleted
 * ones are not: the caller decides.
 */
export async function* reachedProjects(
  context: Context,
  username: string,
  groups: ReachedGroup[],
  options: { from?: string; chunk: number },
): AsyncGenerator<ReachedProject[]> {
  const { projectMember, project } = context.model.entities;
  const from = options.from?.toLowerCase() ?? '';
  const throughGroups = new Map<string, string[]>();
  for (const group of groups)
    for (const name of group.linkedProjects)
      if (name >= from) throughGroups.set(name, [...(throughGroups.get(name) ?? []), group.name]);
  const groupReached = [...throughGroups.keys()].sort();
  let nextGroupReached = 0;

  const params = queryParams(
    projectMember.query.byPrincipal({ principalType: 'user', principalId: username }).params(),
  );
  const partitionKey = partitionKeyOf(params);
  /** Direct memberships read but not yet returned, in name order. */
  const direct: [string, ProjectRole][] = [];
  let startKey: Record<string, unknown> | undefined;
  let directRead = false;
  for (;;) {
    if (!directRead && direct.length < options.chunk) {
      const response = await context.client.send(
        new QueryCommand({
          TableName: context.table,
          IndexName: params.IndexName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: {
            '#pk': partitionKey.name,
            '#sk': gsi2.sortKey,
          },
          ExpressionAttributeValues: {
            ':pk': partitionKey.value,
            ':from': `project#${from}`,
            ':to': endOfProjects,
          },
          Limit: options.chunk,
          ExclusiveStartKey: startKey,
        }),
      );
      startKey = response.LastEvaluatedKey;
      directRead = !startKey;
      for (const Item of response.Items ?? []) {
        const row = projectMember.parse({ Item }).data;
        if (row) direct.push([row.project.toLowerCase(), row.role]);
      }
    }
    // Merge the two ordered sources, at most a chunk, and no further than the direct
    // memberships read so far unless all of them are: what follows may interleave.
    const readUpTo = directRead ? undefined : (direct.at(-1)?.[0] ?? '');
    const roles = new Map<string, ProjectRole>();
    const viaGroupNames: string[] = [];
    const names: string[] = [];
    while (names.length < options.chunk) {
      const nextDirect = direct[0];
      const nextViaGroup = groupReached[nextGroupReached];
      const viaGroupFirst =
        nextViaGroup !== undefined &&
        (readUpTo === undefined || nextViaGroup <= readUpTo) &&
        (nextDirect === undefined || nextViaGroup <= nextDirect[0]);
      if (viaGroupFirst) {
        nextGroupReached += 1;
        viaGroupNames.push(nextViaGroup);
        if (nextDirect?.[0] === nextViaGroup) {
          direct.shift();
          roles.set(nextDirect[0], nextDirect[1]);
        }
        names.push(nextViaGroup);
      } else if (nextDirect) {
        direct.shift();
        roles.set(nextDirect[0], nextDirect[1]);
        names.push(nextDirect[0]);
      } else break;
    }
    if (names.length === 0) {
      if (directRead) return;
      continue;
    }

    const linkKeys = viaGroupNames.flatMap((name) =>
      (throughGroups.get(name) ?? []).map((group) => ({
        project: name,
        principalType: 'group' as const,
        principalId: group,
      })),
    );
    const [projectRows, links] = await Promise.all([
      Promise.all(
        chunks(names, batchGetLimit).map(
          async (batch) => (await project.get(batch.map((name) => ({ name }))).go()).data,
        ),
      ),
      Promise.all(
        chunks(linkKeys, batchGetLimit).map(
          async (batch) => (await projectMember.get(batch).go()).data,
        ),
      ),
    ]);
    const confirmed = new Map<string, { group: string; role: ProjectRole }[]>();
    for (const link of links.flat()) {
      const key = link.project.toLowerCase();
      confirmed.set(key, [
        ...(confirmed.get(key) ?? []),
        { group: link.principalId, role: link.role },
      ]);
    }
    const rows = new Map(projectRows.flat().map((item) => [item.name.toLowerCase(), item]));
    const batch: ReachedProject[] = [];
    for (const key of names) {
      const item = rows.get(key);
      const directRole = roles.get(key) ?? null;
      const viaGroups = (confirmed.get(key) ?? []).sort((a, b) =>
        a.group < b.group ? -1 : a.group > b.group ? 1 : 0,
      );
      if (!item || (directRole === null && viaGroups.length === 0)) continue;
      const role = highestRole([directRole, ...viaGroups.map((link) => link.role)]) ?? 'member';
      batch.push({ key, item, role, directRole, viaGroups });
    }
    if (batch.length > 0) yield batch;
  }
}
