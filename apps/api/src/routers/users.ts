import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ForbiddenError,
  NotFoundError,
  assertAllowed,
  canAdministerUsers,
  canManageProject,
  computeKinds,
  pageInputSchema,
  projectNameSchema,
  usernameSchema,
  type ComputeKind,
  type GroupView,
  type MyProjectView,
  type UserView,
} from '@mlspace/core';

import { toSummaryView, type ResourceSummaryView } from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { deleteUser, type UserDeletionOutcome } from '../services/user-deletion';
import { activeProcedure, adminProcedure } from '../trpc';

/** What an admin sees of one user: their account, their projects and groups, what they created. */
export interface UserDetailView {
  user: UserView;
  /** Every project they reach, directly or through groups, suspended ones too. */
  projects: MyProjectView[];
  groups: GroupView[];
  /** The newest of what they created, per kind. */
  resources: (ResourceSummaryView & { kind: ComputeKind })[];
  /** True when some kind has more than the `resources` shown. */
  moreResources: boolean;
}

/** Resources shown per kind on the user's page; the project pages list the rest. */
const resourcesPerKind = 10;

/** What the member picker may show about other users: never emails, flags or preferences. */
export interface UserSearchResult {
  username: string;
  displayName: string;
}

const searchInput = z.object({
  query: z.string().trim().max(128),
  /** The project whose members are being picked; its owners may search. Without it, admins only. */
  project: projectNameSchema.optional(),
  limit: z.number().int().min(1).max(25).default(10),
});

const listInput = pageInputSchema.extend({
  filter: z.string().trim().max(128).optional(),
  status: z.enum(['all', 'active', 'suspended', 'admins']).default('all'),
});

export const usersRouter = {
  /** Active users by username or display name, for the member pickers. */
  search: activeProcedure
    .input(searchInput)
    .query(async ({ ctx, input }): Promise<UserSearchResult[]> => {
      if (input.project)
        await authorizeProject(ctx.db, ctx.caller.user, input.project, canManageProject);
      else assertAllowed(canAdministerUsers(ctx.caller.user));
      const page = await ctx.db.users.list({
        filter: input.query || undefined,
        status: 'active',
        limit: input.limit,
      });
      return page.items.map((user) => ({ username: user.username, displayName: user.displayName }));
    }),

  list: adminProcedure.input(listInput).query(({ ctx, input }) => ctx.db.users.list(input)),

  get: adminProcedure
    .input(z.object({ username: usernameSchema }))
    .query(async ({ ctx, input }): Promise<UserDetailView> => {
      const user = await ctx.db.users.get(input.username);
      if (!user) throw new NotFoundError(`User ${input.username} does not exist`);
      const projects: MyProjectView[] = [];
      let cursor: string | null = null;
      do {
        const page = await ctx.db.projects.listForUser(
          user.username,
          { cursor, limit: 100 },
          { includeSuspended: true },
        );
        projects.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      const [groups, ...pages] = await Promise.all([
        ctx.db.groups.listForUser(user.username),
        ...computeKinds.map((kind) =>
          ctx.db.resources.listByOwner(user.username, kind, { limit: resourcesPerKind }),
        ),
      ]);
      return {
        user,
        projects,
        groups,
        resources: pages.flatMap((page, index) =>
          page.items.map((record) => ({ ...toSummaryView(record), kind: computeKinds[index]! })),
        ),
        moreResources: pages.some((page) => page.cursor !== null),
      };
    }),

  /**
   * Deletes the user (never oneself, never a project's last owner): sign-in ends at once; their
   * notebooks in every project stop as for a removed member, their private datasets and backend
   * roles go, then their memberships and the account. What they created in projects stays with
   * the project. What fails is recorded on the account and retried by the sweep.
   */
  delete: adminProcedure
    .input(z.object({ username: usernameSchema }))
    .mutation(async ({ ctx, input }): Promise<UserDeletionOutcome> => {
      if (input.username === ctx.caller.user.username) {
        throw new ForbiddenError('You cannot delete your own account: ask another administrator.');
      }
      const { user: _user, ...outcome } = await deleteUser(
        ctx,
        input.username,
        ctx.caller.user.username,
      );
      return outcome;
    }),

  setSuspended: adminProcedure
    .input(z.object({ username: usernameSchema, suspended: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      if (input.username === ctx.caller.user.username) {
        throw new ForbiddenError('You cannot suspend your own account.');
      }
      const user = await ctx.db.users.setSuspended(
        input.username,
        input.suspended,
        ctx.caller.user.username,
      );
      // Refused from now on anyway (the owner is read on every use); revoked, reinstating the
      // account does not bring them back (ADR 020).
      if (input.suspended)
        await ctx.db.apiTokens.revokeAllOf(input.username, ctx.caller.user.username);
      return user;
    }),

  /** Ends every session of the user at once: each of their browsers must sign in again. */
  signOutEverywhere: adminProcedure
    .input(z.object({ username: usernameSchema }))
    .mutation(({ ctx, input }) =>
      ctx.db.users.signOutEverywhere(input.username, ctx.caller.user.username),
    ),

  setAdmin: adminProcedure
    .input(z.object({ username: usernameSchema, isAdmin: z.boolean() }))
    .mutation(({ ctx, input }) => {
      if (input.username === ctx.caller.user.username && !input.isAdmin) {
        throw new ForbiddenError(
          'You cannot revoke your own administrator role: ask another administrator.',
        );
      }
      return ctx.db.users.setAdmin(input.username, input.isAdmin, ctx.caller.user.username);
    }),
} satisfies TRPCRouterRecord;
