import {
  ConflictError,
  NotFoundError,
  highestRole,
  type Page,
  type ProjectGroupView,
  type ProjectMemberView,
  type ProjectRole,
} from '@mlspace/core';

import type { ProjectItem } from '../entities/project';
import type { ProjectMemberItem } from '../entities/project-member';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { writeTransaction, type TxOp } from '../tx';
import { auditOp } from './audit-op';
import { ownerDecrementOp, ownerIncrementOp } from './owner-ops';
import { toProjectGroupView, toProjectMemberView } from './views';
import { assertAllUsersExist, distinctUsernames } from './user-batch';
import { queryParams } from '../query-params';

/**
 * 1 project update + 1 audit event + 2 items per user (existence check, membership) + the reach
 * epoch's bump ≤ 100.
 */
export const maxUsersPerAdd = 48;

type PageRequest = { cursor?: string | null; limit: number };

export function createMembershipRepository(context: Context) {
  const { model } = context;
  const { project, projectMember, user, group, groupMember } = model.entities;

  async function loadProject(name: string): Promise<ProjectItem> {
    const { data } = await project.get({ name }).go();
    if (!data) throw new NotFoundError(`Project ${name} does not exist`);
    return data;
  }

  async function loadMember(
    projectName: string,
    principalType: 'user' | 'group',
    principalId: string,
  ): Promise<ProjectMemberItem> {
    const { data } = await projectMember
      .get({ project: projectName, principalType, principalId })
      .go();
    if (!data)
      throw new NotFoundError(
        `${principalId} is not ${principalType === 'group' ? 'linked to' : 'a member of'} project ${projectName}`,
      );
    return data;
  }

  async function removeDirect(
    projectName: string,
    username: string,
    actor: string,
    action: string,
  ): Promise<void> {
    const current = await loadProject(projectName);
    const row = await loadMember(current.name, 'user', username);
    const at = context.now();
    const ops: TxOp[] = [
      ({ projectMember }) =>
        projectMember
          .delete({ project: current.name, principalType: 'user', principalId: username })
          .where((attributes, { eq }) => eq(attributes.role, row.role))
          .commit(),
      auditOp(
        {
          actor,
          action,
          targetType: 'project',
          targetId: current.name,
          before: { username, role: row.role },
        },
        at,
      ),
    ];
    if (row.role === 'owner') ops.push(ownerDecrementOp(current.name, at));
    await writeTransaction(model, ops, (index) =>
      index === 2
        ? action === 'project.member_left'
          ? `You are the last owner of project ${current.name} and cannot leave it; make someone else an owner first`
          : `${username} is the last owner of project ${current.name} and cannot be removed`
        : `${username}'s membership of project ${current.name} changed at the same time; reload and try again`,
    );
  }

  async function setRole(
    projectName: string,
    principalType: 'user' | 'group',
    principalId: string,
    role: ProjectRole,
    actor: string,
  ): Promise<ProjectMemberItem> {
    const current = await loadProject(projectName);
    const row = await loadMember(current.name, principalType, principalId);
    if (row.role === role) return row;
    const at = context.now();
    const ops: TxOp[] = [
      ({ projectMember }) =>
        projectMember
          .patch({ project: current.name, principalType, principalId })
          .set({ role, updatedAt: at })
          .where((attributes, { eq }) => eq(attributes.role, row.role))
          .commit(),
      auditOp(
        {
          actor,
          action:
            principalType === 'user' ? 'project.member_role_changed' : 'project.group_role_changed',
          targetType: 'project',
          targetId: current.name,
          before: { [principalType]: principalId, role: row.role },
          after: { [principalType]: principalId, role },
        },
        at,
      ),
    ];
    // Group owners do not count towards the last-owner rule; only direct user owners do.
    if (principalType === 'user') {
      ops.push(
        role === 'owner' ? ownerIncrementOp(current.name, at) : ownerDecrementOp(current.name, at),
      );
    }
    await writeTransaction(model, ops, (index) =>
      index === 2
        ? `${principalId} is the last owner of project ${current.name} and cannot be demoted`
        : `${principalId}'s role in project ${current.name} changed at the same time; reload and try again`,
    );
    return { ...row, role, updatedAt: at };
  }

  return {
    /** Unknown users are all named in one NotFoundError and nothing is written. */
    async addUsers(
      projectName: string,
      usernames: readonly string[],
      role: ProjectRole,
      actor: string,
    ): Promise<ProjectMemberView[]> {
      const unique = distinctUsernames(usernames, maxUsersPerAdd);
      const current = await loadProject(projectName);
      const [{ data: users }, { data: existing }] = await Promise.all([
        user.get(unique.map((username) => ({ username }))).go(),
        projectMember
          .get(
            unique.map((username) => ({
              project: current.name,
              principalType: 'user' as const,
              principalId: username,
            })),
          )
          .go(),
      ]);
      assertAllUsersExist(unique, users);
      if (existing.length > 0) {
        throw new ConflictError(
          `Already members of project ${current.name}: ${existing.map((row) => row.principalId).join(', ')}`,
        );
      }
      const at = context.now();
      const rows = unique.map((username) => ({
        project: current.name,
        principalType: 'user' as const,
        principalId: username,
        role,
        addedBy: actor,
        addedAt: at,
        updatedAt: at,
      }));
      await writeTransaction(
        model,
        [
          ({ project }) =>
            project
              .patch({ name: current.name })
              .add({ ownerCount: role === 'owner' ? unique.length : 0 })
              .set({ updatedAt: at })
              .commit(),
          auditOp(
            {
              actor,
              action: 'project.members_added',
              targetType: 'project',
              targetId: current.name,
              after: { usernames: unique, role },
            },
            at,
          ),
          ...unique.map(
            (username): TxOp =>
              ({ user }) =>
                user
                  .check({ username })
                  .where((attributes, { exists }) => exists(attributes.username))
                  .commit(),
          ),
          ...rows.map(
            (row): TxOp =>
              ({ projectMember }) =>
                projectMember.create(row).commit(),
          ),
        ],
        (index) => {
          if (index === 0) return `Project ${current.name} was deleted at the same time`;
          const offset = index - 2;
          return offset < unique.length
            ? `User ${unique[offset]} was deleted at the same time; nothing was added`
            : `${unique[offset - unique.length]} was added to project ${current.name} at the same time; nothing was added`;
        },
      );
      return rows.map((row) => toProjectMemberView(row));
    },

    async setUserRole(
      projectName: string,
      username: string,
      role: ProjectRole,
      actor: string,
    ): Promise<ProjectMemberView> {
      return toProjectMemberView(await setRole(projectName, 'user', username, role, actor));
    },

    /** Refused for the last direct owner. */
    removeUser: (projectName: string, username: string, actor: string) =>
      removeDirect(projectName, username, actor, 'project.member_removed'),

    /** Any member may leave, except the last direct owner. */
    leave: (projectName: string, username: string) =>
      removeDirect(projectName, username, username, 'project.member_left'),

    async linkGroup(
      projectName: string,
      groupName: string,
      role: ProjectRole,
      actor: string,
    ): Promise<ProjectGroupView> {
      const current = await loadProject(projectName);
      const { data: linked } = await group.get({ name: groupName }).go();
      if (!linked) throw new NotFoundError(`Group ${groupName} does not exist`);
      const at = context.now();
      const row = {
        project: current.name,
        principalType: 'group' as const,
        principalId: linked.name,
        role,
        addedBy: actor,
        addedAt: at,
        updatedAt: at,
      };
      await writeTransaction(
        model,
        [
          ({ projectMember }) => projectMember.create(row).commit(),
          ({ project }) =>
            project
              .check({ name: current.name })
              .where((attributes, { exists }) => exists(attributes.name))
              .commit(),
          ({ group }) =>
            group
              .patch({ name: linked.name })
              // In the link's own transaction, so the mirror never misses a link (ADR 011).
              .add({ linkedProjects: [current.name] })
              // A group being deleted takes no new link: its links are being removed.
              .where(
                (attributes, { exists, notExists }) =>
                  `${exists(attributes.name)} AND ${notExists(attributes.deletion)}`,
              )
              .commit(),
          auditOp(
            {
              actor,
              action: 'project.group_linked',
              targetType: 'project',
              targetId: current.name,
              after: { group: linked.name, role },
            },
            at,
          ),
        ],
        (index) =>
          [
            `Group ${linked.name} is already linked to project ${current.name}`,
            `Project ${current.name} was deleted at the same time`,
            `Group ${linked.name} was deleted at the same time`,
          ][index] ?? 'The link changed at the same time; try again',
      );
      return toProjectGroupView(row);
    },

    async setGroupRole(
      projectName: string,
      groupName: string,
      role: ProjectRole,
      actor: string,
    ): Promise<ProjectGroupView> {
      return toProjectGroupView(await setRole(projectName, 'group', groupName, role, actor));
    },

    async unlinkGroup(projectName: string, groupName: string, actor: string): Promise<void> {
      const current = await loadProject(projectName);
      const row = await loadMember(current.name, 'group', groupName);
      const at = context.now();
      await writeTransaction(
        model,
        [
          ({ projectMember }) =>
            projectMember
              .delete({
                project: current.name,
                principalType: 'group',
                principalId: row.principalId,
              })
              .where((attributes, { exists }) => exists(attributes.role))
              .commit(),
          ({ group }) =>
            group
              .patch({ name: row.principalId })
              .delete({ linkedProjects: [current.name] })
              .commit(),
          auditOp(
            {
              actor,
              action: 'project.group_unlinked',
              targetType: 'project',
              targetId: current.name,
              before: { group: row.principalId, role: row.role },
            },
            at,
          ),
        ],
        () => `Group ${groupName} was unlinked from project ${current.name} at the same time`,
      );
    },

    /** Direct user members, sorted by username. */
    async listMembers(projectName: string, page: PageRequest): Promise<Page<ProjectMemberView>> {
      const params = queryParams(
        projectMember.query.byProject({ project: projectName, principalType: 'user' }).params(),
      );
      return queryPage(context.client, params, {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = projectMember.parse({ Item });
          return data ? toProjectMemberView(data) : null;
        },
      });
    },

    /** Linked groups; a project has few, so all of them. */
    async listGroups(projectName: string): Promise<ProjectGroupView[]> {
      const { data } = await projectMember.query
        .byProject({ project: projectName, principalType: 'group' })
        .go({ pages: 'all' });
      return data.map(toProjectGroupView);
    },

    /**
     * The highest of the direct role and the roles of the user's groups linked to the project.
     * Reads the project's few group links, not the user's memberships: every project-scoped
     * request asks this, and a user may be in hundreds of projects.
     */
    async effectiveRole(projectName: string, username: string): Promise<ProjectRole | null> {
      const [{ data: direct }, { data: links }] = await Promise.all([
        projectMember
          .get({ project: projectName, principalType: 'user', principalId: username })
          .go(),
        projectMember.query
          .byProject({ project: projectName, principalType: 'group' })
          .go({ pages: 'all' }),
      ]);
      if (direct?.role === 'owner' || links.length === 0) return direct?.role ?? null;
      const { data: memberships } = await groupMember
        .get(links.map((link) => ({ group: link.principalId, username })))
        .go();
      const mine = new Set(memberships.map((row) => row.group.toLowerCase()));
      return highestRole([
        direct?.role,
        ...links
          .filter((link) => mine.has(link.principalId.toLowerCase()))
          .map((link) => link.role),
      ]);
    },
  };
}

export type MembershipRepository = ReturnType<typeof createMembershipRepository>;
