import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ConflictError,
  NotFoundError,
  assertAllowed,
  canLeaveProject,
  canManageProject,
  canReadProject,
  groupNameSchema,
  pageInputSchema,
  projectNameSchema,
  projectRoleSchema,
  usernameSchema,
  type Page,
  type ProjectGroupView,
  type ProjectMemberView,
} from '@mlspace/core';
import { maxUsersPerAdd } from '@mlspace/db';

import type { CascadeReport } from '../services/cascade';
import { cascadeForLostAccess, groupMemberNames } from '../services/lost-access';
import { authorizeProject, loadProjectAccess } from '../services/project-access';
import { activeProcedure } from '../trpc';

const projectInput = z.object({ project: projectNameSchema });

/** Managing a project's members and groups: its owners and admins only; the project is loaded once here. */
const managedProjectProcedure = activeProcedure
  .input(projectInput)
  .use(async ({ ctx, input, next }) => {
    const { project } = await authorizeProject(
      ctx.db,
      ctx.caller.user,
      input.project,
      canManageProject,
    );
    return next({ ctx: { project } });
  });

export interface MemberRemovalView {
  project: string;
  username: string;
  cascade: CascadeReport;
}

/** Direct user members of a project: listed by members, managed by owners and admins. */
export const projectMembersRouter = {
  list: activeProcedure
    .input(projectInput.extend(pageInputSchema.shape))
    .query(async ({ ctx, input }): Promise<Page<ProjectMemberView>> => {
      const { project } = await authorizeProject(
        ctx.db,
        ctx.caller.user,
        input.project,
        canReadProject,
      );
      return ctx.db.membership.listMembers(project.name, input);
    }),

  /** Several registered users at once; unknown users are all named and nothing is written. */
  add: managedProjectProcedure
    .input(
      z.object({
        usernames: z
          .array(usernameSchema)
          .min(1, 'name at least one user')
          .max(maxUsersPerAdd, `name at most ${maxUsersPerAdd} users at a time`),
        role: projectRoleSchema.default('member'),
      }),
    )
    .mutation(async ({ ctx, input }): Promise<ProjectMemberView[]> => {
      const { project } = ctx;
      return ctx.db.membership.addUsers(
        project.name,
        input.usernames,
        input.role,
        ctx.caller.user.username,
      );
    }),

  /** Switch a direct member between Owner and Member; the last direct owner is never demoted. */
  setRole: managedProjectProcedure
    .input(z.object({ username: usernameSchema, role: projectRoleSchema }))
    .mutation(async ({ ctx, input }): Promise<ProjectMemberView> => {
      const { project } = ctx;
      return ctx.db.membership.setUserRole(
        project.name,
        input.username,
        input.role,
        ctx.caller.user.username,
      );
    }),

  /** The last direct owner is never removed; the member's resources in the project are cascaded. */
  remove: managedProjectProcedure
    .input(z.object({ username: usernameSchema }))
    .mutation(async ({ ctx, input }): Promise<MemberRemovalView> => {
      const { project } = ctx;
      await ctx.db.membership.removeUser(project.name, input.username, ctx.caller.user.username);
      const cascade = await ctx.cascade.memberRemoved(
        project.name,
        input.username,
        ctx.caller.user.username,
      );
      return { project: project.name, username: input.username, cascade };
    }),

  /** Any member may leave, except the last direct owner: a project always keeps an owner. */
  leave: activeProcedure
    .input(projectInput)
    .mutation(async ({ ctx, input }): Promise<MemberRemovalView> => {
      const user = ctx.caller.user;
      const { project, facts } = await loadProjectAccess(ctx.db, user, input.project);
      // The repository enforces the last-owner rule in the same transaction as the removal.
      assertAllowed(canLeaveProject(user, facts, { isLastOwner: false }));
      try {
        await ctx.db.membership.leave(project.name, user.username);
      } catch (error) {
        if (error instanceof NotFoundError) {
          throw new ConflictError(
            `You belong to project ${project.name} only through a group: ask an admin to remove you from that group`,
          );
        }
        throw error;
      }
      const cascade = await ctx.cascade.memberRemoved(project.name, user.username, user.username);
      return { project: project.name, username: user.username, cascade };
    }),
} satisfies TRPCRouterRecord;

/** Groups linked to a project with a role; a group Member never gets owner powers. */
export const projectGroupsRouter = {
  list: activeProcedure
    .input(projectInput)
    .query(async ({ ctx, input }): Promise<ProjectGroupView[]> => {
      const { project } = await authorizeProject(
        ctx.db,
        ctx.caller.user,
        input.project,
        canReadProject,
      );
      return ctx.db.membership.listGroups(project.name);
    }),

  link: managedProjectProcedure
    .input(z.object({ group: groupNameSchema, role: projectRoleSchema.default('member') }))
    .mutation(async ({ ctx, input }): Promise<ProjectGroupView> => {
      const { project } = ctx;
      return ctx.db.membership.linkGroup(
        project.name,
        input.group,
        input.role,
        ctx.caller.user.username,
      );
    }),

  setRole: managedProjectProcedure
    .input(z.object({ group: groupNameSchema, role: projectRoleSchema }))
    .mutation(async ({ ctx, input }): Promise<ProjectGroupView> => {
      const { project } = ctx;
      return ctx.db.membership.setGroupRole(
        project.name,
        input.group,
        input.role,
        ctx.caller.user.username,
      );
    }),

  unlink: managedProjectProcedure
    .input(z.object({ group: groupNameSchema }))
    .mutation(
      async ({
        ctx,
        input,
      }): Promise<{ project: string; group: string; cascades: CascadeReport[] }> => {
        const { project } = ctx;
        const members = await groupMemberNames(ctx.db, input.group);
        await ctx.db.membership.unlinkGroup(project.name, input.group, ctx.caller.user.username);
        const cascades = await cascadeForLostAccess(
          ctx,
          project.name,
          members,
          ctx.caller.user.username,
        );
        return { project: project.name, group: input.group, cascades };
      },
    ),
} satisfies TRPCRouterRecord;
