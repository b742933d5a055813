import {
  ConflictError,
  NotFoundError,
  createGroupInputSchema,
  groupDescriptionSchema,
  type GroupMemberView,
  type GroupMembershipEventView,
  type GroupView,
  type Page,
  type ProjectGroupView,
} from '@mlspace/core';

import type { GroupItem } from '../entities/group';
import { principalRows, userGroupNames } from '../memberships';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { packTransactions } from '../transaction';
import { writeTransaction, type TxOp } from '../tx';
import { validate } from '../validate';
import { auditOp } from './audit-op';
import { groupEventOp, groupRemovalOps } from './group-ops';
import {
  toGroupMemberView,
  toGroupMembershipEventView,
  toGroupView,
  toProjectGroupView,
} from './views';
import { assertAllUsersExist, distinctUsernames } from './user-batch';
import { queryParams } from '../query-params';

/**
 * 1 group update + 1 audit event + 3 items per user (existence check, member, history) + the
 * reach epoch's bump ≤ 100.
 */
export const maxUsersPerGroupAdd = 32;

type PageRequest = { cursor?: string | null; limit: number };

/** A group deletion in progress: what the group had when it was asked for. */
export interface GroupDeletion {
  requestedBy: string;
  requestedAt: string;
  members: string[];
  projects: string[];
}

export interface CreateGroupRepositoryInput {
  name: string;
  description: string;
  createdBy: string;
}

export function createGroupsRepository(context: Context) {
  const { model } = context;
  const { dataset, datasetShare, group, groupMember, groupMembershipEvent, user } = model.entities;

  async function load(name: string): Promise<GroupItem> {
    const { data } = await group.get({ name }).go();
    if (!data) throw new NotFoundError(`Group ${name} does not exist`);
    return data;
  }

  return {
    async create(input: CreateGroupRepositoryInput): Promise<GroupView> {
      const { name, description } = validate(createGroupInputSchema, input);
      const at = context.now();
      const item = {
        name,
        description,
        memberCount: 0,
        createdBy: input.createdBy,
        createdAt: at,
        updatedAt: at,
        deletionIndex: 'none' as const,
        // A new group holds no dataset and links no project yet (ADR 011).
        holdsDatasets: false,
        linksMirrored: true,
      };
      await writeTransaction(
        model,
        [
          ({ group }) => group.create(item).commit(),
          auditOp(
            {
              actor: input.createdBy,
              action: 'group.created',
              targetType: 'group',
              targetId: name,
              after: { description },
            },
            at,
          ),
        ],
        () => `A group named ${name} already exists`,
      );
      return toGroupView(item);
    },

    async get(name: string): Promise<GroupView | null> {
      const { data } = await group.get({ name }).go();
      return data ? toGroupView(data) : null;
    },

    async update(
      name: string,
      changes: { description: string },
      actor: string,
    ): Promise<GroupView> {
      const description = validate(groupDescriptionSchema, changes.description, 'description');
      const current = await load(name);
      const at = context.now();
      await writeTransaction(
        model,
        [
          ({ group }) =>
            group.patch({ name: current.name }).set({ description, updatedAt: at }).commit(),
          auditOp(
            {
              actor,
              action: 'group.updated',
              targetType: 'group',
              targetId: current.name,
              before: { description: current.description },
              after: { description },
            },
            at,
          ),
        ],
        () => `Group ${name} was deleted at the same time`,
      );
      return toGroupView({ ...current, description, updatedAt: at });
    },

    /**
     * Marks the group as being deleted, recording its members and linked projects (the members'
     * resources there cascade once the links are gone), so the sweep can finish a deletion that
     * failed part-way. The group keeps its name meanwhile; asking again returns the same record.
     */
    async startDeletion(name: string, actor: string): Promise<GroupDeletion> {
      const current = await load(name);
      if (current.deletion) return JSON.parse(current.deletion) as GroupDeletion;
      const [{ data: members }, links] = await Promise.all([
        groupMember.query.byGroup({ group: current.name }).go({ pages: 'all' }),
        principalRows(context, 'group', current.name),
      ]);
      const deletion: GroupDeletion = {
        requestedBy: actor,
        requestedAt: context.now(),
        members: members.map((row) => row.username),
        projects: links.projects.map((row) => row.project),
      };
      await writeTransaction(
        model,
        [
          ({ group }) =>
            group
              .patch({ name: current.name })
              .set({ deletion: JSON.stringify(deletion), deletionIndex: 'deleting' })
              .where((attributes, { notExists }) => notExists(attributes.deletion))
              .commit(),
        ],
        () => `Group ${name} was deleted at the same time`,
      );
      return deletion;
    },

    /** Groups whose deletion did not finish (in no set order); a Query on the sparse `deleting` index. */
    listDeleting(page: PageRequest): Promise<Page<GroupView>> {
      const params = queryParams(group.query.deleting({ deletionIndex: 'deleting' }).params());
      return queryPage(context.client, params, {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = group.parse({ Item });
          return data ? toGroupView(data) : null;
        },
      });
    },

    /**
     * Removes every member (each with a `group_deleted` history event), every project link and
     * every dataset share (taking the group out of each dataset's `groups`), then the group, so a
     * later group of the same name starts with nothing. Large groups take several transactions of
     * at most 100 items; the group row and its audit event go in the last one, so a failure part-way
     * leaves the group (and its name) in place, partly emptied, for the same call to finish.
     * A group dataset left with no group stays visible to its creator and admins only.
     */
    async delete(name: string, actor: string): Promise<void> {
      const current = await load(name);
      const [{ data: members }, links, { data: shares }] = await Promise.all([
        groupMember.query.byGroup({ group: current.name }).go({ pages: 'all' }),
        principalRows(context, 'group', current.name),
        datasetShare.query.byGroup({ group: current.name }).go({ pages: 'all' }),
      ]);
      const { data: sharedDatasets } =
        shares.length > 0
          ? await dataset
              .get(
                shares.map((share) => ({
                  scope: 'group' as const,
                  scopeId: 'group',
                  name: share.dataset,
                })),
              )
              .go()
          : { data: [] };
      const at = context.now();
      const shareOps = shares.map((share): TxOp[] => {
        const shared = sharedDatasets.find((item) => item.name === share.dataset);
        return [
          ({ datasetShare }) =>
            datasetShare.delete({ dataset: share.dataset, group: share.group }).commit(),
          ...(shared
            ? [
                (({ dataset }) =>
                  dataset
                    .patch({ scope: 'group', scopeId: 'group', name: shared.name })
                    .set({
                      groups: shared.groups.filter((group) => group !== share.group),
                      updatedAt: at,
                    })
                    .where((attributes, { eq }) => eq(attributes.updatedAt, shared.updatedAt))
                    .commit()) satisfies TxOp,
              ]
            : []),
        ];
      });
      const memberOps = members.map((row) =>
        groupRemovalOps(current.name, row.username, 'group_deleted', actor, at),
      );
      const linkOps = links.projects.map((row): TxOp[] => [
        ({ projectMember }) =>
          projectMember
            .delete({ project: row.project, principalType: 'group', principalId: current.name })
            .commit(),
      ]);
      const finalOps: TxOp[] = [
        ({ group }) => group.delete({ name: current.name }).commit(),
        auditOp(
          {
            actor,
            action: 'group.deleted',
            targetType: 'group',
            targetId: current.name,
            before: {
              description: current.description,
              members: members.map((row) => row.username),
              projects: links.projects.map((row) => row.project),
              datasets: shares.map((share) => share.dataset),
            },
          },
          at,
        ),
      ];
      for (const batch of packTransactions([...shareOps, ...memberOps, ...linkOps], finalOps)) {
        await writeTransaction(
          model,
          batch,
          () => `Group ${name} changed at the same time; try again`,
        );
      }
    },

    /** Unknown users are all named in one NotFoundError and nothing is written. */
    async addMembers(
      groupName: string,
      usernames: readonly string[],
      actor: string,
    ): Promise<GroupMemberView[]> {
      const unique = distinctUsernames(usernames, maxUsersPerGroupAdd);
      const current = await load(groupName);
      const [{ data: users }, { data: existing }] = await Promise.all([
        user.get(unique.map((username) => ({ username }))).go(),
        groupMember.get(unique.map((username) => ({ group: current.name, username }))).go(),
      ]);
      assertAllUsersExist(unique, users);
      if (existing.length > 0) {
        throw new ConflictError(
          `Already members of group ${current.name}: ${existing.map((row) => row.username).join(', ')}`,
        );
      }
      const at = context.now();
      const rows = unique.map((username) => ({
        group: current.name,
        username,
        addedBy: actor,
        addedAt: at,
      }));
      await writeTransaction(
        model,
        [
          ({ group }) =>
            group
              .patch({ name: current.name })
              .add({ memberCount: unique.length })
              .set({ updatedAt: at })
              .where((attributes, { notExists }) => notExists(attributes.deletion))
              .commit(),
          auditOp(
            {
              actor,
              action: 'group.members_added',
              targetType: 'group',
              targetId: current.name,
              after: { usernames: unique },
            },
            at,
          ),
          ...rows.flatMap((row): TxOp[] => [
            ({ user }) =>
              user
                .check({ username: row.username })
                .where((attributes, { exists }) => exists(attributes.username))
                .commit(),
            ({ groupMember }) => groupMember.create(row).commit(),
            groupEventOp(current.name, row.username, 'added', actor, at),
          ]),
        ],
        (index) => {
          if (index === 0) return `Group ${current.name} is being deleted`;
          const username = unique[Math.floor((index - 2) / 3)] ?? '';
          return (index - 2) % 3 === 0
            ? `User ${username} was deleted at the same time; nothing was added`
            : `${username} was added to group ${current.name} at the same time; nothing was added`;
        },
      );
      return rows.map(toGroupMemberView);
    },

    async removeMember(groupName: string, username: string, actor: string): Promise<void> {
      const current = await load(groupName);
      const { data: row } = await groupMember.get({ group: current.name, username }).go();
      if (!row) throw new NotFoundError(`${username} is not a member of group ${current.name}`);
      const at = context.now();
      await writeTransaction(
        model,
        [
          ({ groupMember }) =>
            groupMember
              .delete({ group: current.name, username })
              .where((attributes, { exists }) => exists(attributes.username))
              .commit(),
          groupEventOp(current.name, username, 'removed', actor, at),
          ({ group }) =>
            group
              .patch({ name: current.name })
              .subtract({ memberCount: 1 })
              .set({ updatedAt: at })
              .commit(),
          auditOp(
            {
              actor,
              action: 'group.member_removed',
              targetType: 'group',
              targetId: current.name,
              before: { username },
            },
            at,
          ),
        ],
        (index) =>
          index === 0
            ? `${username} was removed from group ${current.name} at the same time`
            : `Group ${current.name} was deleted at the same time`,
      );
    },

    /** Members sorted by username. */
    async listMembers(groupName: string, page: PageRequest): Promise<Page<GroupMemberView>> {
      const params = queryParams(groupMember.query.byGroup({ group: groupName }).params());
      return queryPage(context.client, params, {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = groupMember.parse({ Item });
          return data ? toGroupMemberView(data) : null;
        },
      });
    },

    /** Every group (admins), sorted by name. */
    async listAll(page: PageRequest): Promise<Page<GroupView>> {
      const params = queryParams(group.query.allGroups({}).params());
      return queryPage(context.client, params, {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = group.parse({ Item });
          return data ? toGroupView(data) : null;
        },
      });
    },

    /** The groups a user belongs to, sorted by name. */
    async listForUser(username: string): Promise<GroupView[]> {
      const names = await userGroupNames(context, username);
      if (names.length === 0) return [];
      const { data } = await group.get(names.map((name) => ({ name }))).go();
      return data.map(toGroupView).sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Membership history, newest first; it outlives the group. `since` keeps events from then on. */
    async history(
      groupName: string,
      page: PageRequest,
      options: { since?: string | null } = {},
    ): Promise<Page<GroupMembershipEventView>> {
      const events = groupMembershipEvent.query.byGroup({ group: groupName });
      const params = queryParams(
        (options.since ? events.gte({ actionedAt: options.since }) : events).params({
          order: 'desc',
        }),
      );
      return queryPage(context.client, params, {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = groupMembershipEvent.parse({ Item });
          return data ? toGroupMembershipEventView(data) : null;
        },
      });
    },

    /** The projects the group is linked to, with the link's role. */
    async linkedProjects(groupName: string): Promise<ProjectGroupView[]> {
      const rows = await principalRows(context, 'group', groupName);
      return rows.projects.map(toProjectGroupView);
    },
  };
}

export type GroupsRepository = ReturnType<typeof createGroupsRepository>;
