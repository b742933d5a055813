import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  assertAllowed,
  canManageGroups,
  createGroupInputSchema,
  groupDescriptionSchema,
  groupNameSchema,
  pageInputSchema,
  usernameSchema,
  type GroupMemberView,
  type GroupMembershipEventView,
  type GroupView,
  type Page,
  type ProjectGroupView,
} from '@mlspace/core';
import { maxUsersPerGroupAdd } from '@mlspace/db';

import type { CascadeReport } from '../services/cascade';
import { authorizeGroupHistoryRead, authorizeGroupRead } from '../services/group-access';
import { deleteGroup } from '../services/group-deletion';
import { activeProcedure } from '../trpc';

const groupInput = z.object({ name: groupNameSchema });
const groupPageInput = groupInput.extend(pageInputSchema.shape);

/** Admins manage groups; members read their own group, its members, projects and history. */
export const groupsRouter = {
  create: activeProcedure
    .input(createGroupInputSchema)
    .mutation(({ ctx, input }): Promise<GroupView> => {
      assertAllowed(canManageGroups(ctx.caller.user));
      return ctx.db.groups.create({ ...input, createdBy: ctx.caller.user.username });
    }),

  update: activeProcedure
    .input(groupInput.extend({ description: groupDescriptionSchema }))
    .mutation(({ ctx, input }): Promise<GroupView> => {
      assertAllowed(canManageGroups(ctx.caller.user));
      return ctx.db.groups.update(
        input.name,
        { description: input.description },
        ctx.caller.user.username,
      );
    }),

  /**
   * Members (each with a history event), project links and dataset shares go with the group, so a
   * later group of the same name has nothing; members who reached a project only through it lose
   * it as if removed (their resources there cascade). A deletion that fails part-way is finished
   * by the sweep.
   */
  delete: activeProcedure
    .input(groupInput)
    .mutation(async ({ ctx, input }): Promise<{ deleted: string; cascades: CascadeReport[] }> => {
      assertAllowed(canManageGroups(ctx.caller.user));
      const cascades = await deleteGroup(ctx, input.name, ctx.caller.user.username);
      return { deleted: input.name, cascades };
    }),

  addMembers: activeProcedure
    .input(
      groupInput.extend({
        usernames: z
          .array(usernameSchema)
          .min(1, 'name at least one user')
          .max(maxUsersPerGroupAdd, `name at most ${maxUsersPerGroupAdd} users at a time`),
      }),
    )
    .mutation(({ ctx, input }): Promise<GroupMemberView[]> => {
      assertAllowed(canManageGroups(ctx.caller.user));
      return ctx.db.groups.addMembers(input.name, input.usernames, ctx.caller.user.username);
    }),

  removeMember: activeProcedure
    .input(groupInput.extend({ username: usernameSchema }))
    .mutation(async ({ ctx, input }): Promise<{ group: string; username: string }> => {
      assertAllowed(canManageGroups(ctx.caller.user));
      await ctx.db.groups.removeMember(input.name, input.username, ctx.caller.user.username);
      return { group: input.name, username: input.username };
    }),

  /** Every group (admins). */
  listAll: activeProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }): Promise<Page<GroupView>> => {
      assertAllowed(canManageGroups(ctx.caller.user));
      return ctx.db.groups.listAll(input);
    }),

  /** The groups the caller belongs to. */
  mine: activeProcedure.query(({ ctx }): Promise<GroupView[]> =>
    ctx.db.groups.listForUser(ctx.caller.user.username),
  ),

  get: activeProcedure
    .input(groupInput)
    .query(({ ctx, input }): Promise<GroupView> =>
      authorizeGroupRead(ctx.db, ctx.caller.user, input.name),
    ),

  members: activeProcedure
    .input(groupPageInput)
    .query(async ({ ctx, input }): Promise<Page<GroupMemberView>> => {
      const group = await authorizeGroupRead(ctx.db, ctx.caller.user, input.name);
      return ctx.db.groups.listMembers(group.name, input);
    }),

  /**
   * Membership history, newest first; admins read it after the group is deleted too, members only
   * from their group's creation on.
   */
  history: activeProcedure
    .input(groupPageInput)
    .query(async ({ ctx, input }): Promise<Page<GroupMembershipEventView>> => {
      const { name, since } = await authorizeGroupHistoryRead(ctx.db, ctx.caller.user, input.name);
      return ctx.db.groups.history(name, input, { since });
    }),

  projects: activeProcedure
    .input(groupInput)
    .query(async ({ ctx, input }): Promise<ProjectGroupView[]> => {
      const group = await authorizeGroupRead(ctx.db, ctx.caller.user, input.name);
      return ctx.db.groups.linkedProjects(group.name);
    }),
} satisfies TRPCRouterRecord;
