import { QueryCommand } from '@aws-sdk/lib-dynamodb';

import type { GroupMemberItem } from './entities/group-member';
import type { ProjectMemberItem } from './entities/project-member';
import type { Context } from './model';
import { tableLayout } from './table';
import { partitionKeyOf, queryParams } from './query-params';

const [, gsi2] = tableLayout.globalSecondaryIndexes;

export interface PrincipalRows {
  projects: ProjectMemberItem[];
  groups: GroupMemberItem[];
}

/**
 * Every row in a principal's gsi2 partition: for a user, their direct project memberships and
 * their group memberships (one Query, both entities); for a group, its project links.
 * A principal's memberships are bounded (hundreds at most), so this reads all pages.
 * `only: 'groups'` reads just the `group#` part, for callers that need nothing else.
 */
export async function principalRows(
  context: Context,
  principalType: 'user' | 'group',
  principalId: string,
  options: { only?: 'groups' } = {},
): Promise<PrincipalRows> {
  const { projectMember, groupMember } = context.model.entities;
  const params = queryParams(
    projectMember.query.byPrincipal({ principalType, principalId }).params(),
  );
  const partitionKey = partitionKeyOf(params);
  const rows: PrincipalRows = { projects: [], groups: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const response = await context.client.send(
      new QueryCommand({
        TableName: context.table,
        IndexName: params.IndexName,
        ...(options.only === 'groups'
          ? {
              KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :groups)',
              ExpressionAttributeNames: { '#pk': partitionKey.name, '#sk': gsi2.sortKey },
              ExpressionAttributeValues: { ':pk': partitionKey.value, ':groups': 'group#' },
            }
          : {
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': partitionKey.name },
              ExpressionAttributeValues: { ':pk': partitionKey.value },
            }),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const Item of response.Items ?? []) {
      const project = projectMember.parse({ Item }).data;
      if (project) {
        rows.projects.push(project);
        continue;
      }
      const group = groupMember.parse({ Item }).data;
      if (group) rows.groups.push(group);
    }
    startKey = response.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

/**
 * The names (lower-cased) of the groups a user is in: only the `group#` part of their gsi2
 * partition, so a user in hundreds of projects pays for their tens of groups only.
 */
export async function userGroupNames(context: Context, username: string): Promise<string[]> {
  const { groups } = await principalRows(context, 'user', username, { only: 'groups' });
  return [...new Set(groups.map((row) => row.group.toLowerCase()))];
}
