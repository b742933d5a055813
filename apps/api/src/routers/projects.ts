import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  assertAllowed,
  canDeleteProject,
  canLeaveProject,
  canListAllProjects,
  canListOwnProjects,
  canManageProject,
  canReadProject,
  canSuspendProject,
  createProjectInputSchema,
  pageInputSchema,
  projectDescriptionSchema,
  projectNameSchema,
  type MyProjectView,
  type Page,
  type ProjectFacts,
  type ProjectRole,
  type ProjectView,
} from '@mlspace/core';

import type { CascadeReport } from '../services/cascade';
import { authorizeProject } from '../services/project-access';
import { deleteProject, type ProjectDeletionOutcome } from '../services/project-deletion';
import { assertMayCreateProject } from '../services/project-creation-policy';
import { activeProcedure } from '../trpc';
import { projectGroupsRouter, projectMembersRouter } from './memberships';

const projectInput = z.object({ name: projectNameSchema });

const listAllInput = pageInputSchema.extend({
  filter: z.string().trim().max(128).optional(),
  status: z.enum(['all', 'active', 'suspended']).default('all'),
});

/** What the caller may do here, so pages show only the actions that will succeed. */
export interface ProjectPermissionsView {
  read: boolean;
  manage: boolean;
  suspend: boolean;
  delete: boolean;
  leave: boolean;
}

export interface ProjectDetailView {
  project: ProjectView;
  /** The caller's effective role; null for an admin who is not a member. */
  role: ProjectRole | null;
  permissions: ProjectPermissionsView;
}

export interface ProjectSuspensionView {
  project: ProjectView;
  cascade: CascadeReport;
}

function permissionsFor(
  principal: Parameters<typeof canReadProject>[0],
  project: ProjectView,
  facts: ProjectFacts,
): ProjectPermissionsView {
  return {
    read: canReadProject(principal, facts).allowed,
    manage: canManageProject(principal, facts).allowed,
    suspend: canSuspendProject(principal, facts).allowed,
    delete: canDeleteProject(principal, facts).allowed,
    // The repository has the final word on the last direct owner; this hides the button in the obvious case.
    leave: canLeaveProject(principal, facts, {
      isLastOwner: facts.role === 'owner' && project.ownerCount <= 1,
    }).allowed,
  };
}

export const projectsRouter = {
  create: activeProcedure
    .input(createProjectInputSchema)
    .mutation(async ({ ctx, input }): Promise<ProjectView> => {
      const user = ctx.caller.user;
      // The dynamic configuration's projectCreation policy decides, allowed groups included.
      await assertMayCreateProject(ctx, user);
      return ctx.db.projects.create({
        name: input.name,
        description: input.description,
        createdBy: user.username,
      });
    }),

  /** The caller's projects, direct or through groups, suspended ones included (with a badge). */
  mine: activeProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }): Promise<Page<MyProjectView>> => {
      assertAllowed(canListOwnProjects(ctx.caller.user));
      return ctx.db.projects.listForUser(ctx.caller.user.username, input, {
        includeSuspended: true,
      });
    }),

  /** Every project, suspended ones included (admins). */
  listAll: activeProcedure
    .input(listAllInput)
    .query(({ ctx, input }): Promise<Page<ProjectView>> => {
      assertAllowed(canListAllProjects(ctx.caller.user));
      return ctx.db.projects.listAll(input);
    }),

  get: activeProcedure
    .input(projectInput)
    .query(async ({ ctx, input }): Promise<ProjectDetailView> => {
      const { project, facts } = await authorizeProject(
        ctx.db,
        ctx.caller.user,
        input.name,
        canReadProject,
      );
      return {
        project,
        role: facts.role,
        permissions: permissionsFor(ctx.caller.user, project, facts),
      };
    }),

  update: activeProcedure
    .input(projectInput.extend({ description: projectDescriptionSchema }))
    .mutation(async ({ ctx, input }): Promise<ProjectView> => {
      const { project } = await authorizeProject(
        ctx.db,
        ctx.caller.user,
        input.name,
        canManageProject,
      );
      return ctx.db.projects.update(
        project.name,
        { description: input.description },
        ctx.caller.user.username,
      );
    }),

  /** Suspends, then runs the cascade that stops the project's resources; its report is returned. */
  suspend: activeProcedure
    .input(projectInput)
    .mutation(async ({ ctx, input }): Promise<ProjectSuspensionView> => {
      const { project } = await authorizeProject(
        ctx.db,
        ctx.caller.user,
        input.name,
        canSuspendProject,
      );
      const suspended = await ctx.db.projects.suspend(project.name, ctx.caller.user.username);
      const cascade = await ctx.cascade.projectSuspended(project.name, ctx.caller.user.username);
      return { project: suspended, cascade };
    }),

  reinstate: activeProcedure
    .input(projectInput)
    .mutation(async ({ ctx, input }): Promise<ProjectView> => {
      const { project } = await authorizeProject(
        ctx.db,
        ctx.caller.user,
        input.name,
        canSuspendProject,
      );
      return ctx.db.projects.reinstate(project.name, ctx.caller.user.username);
    }),

  /**
   * Only a suspended project. Everything it owns goes (resources, datasets and files, backend
   * roles, memberships and group links); what cannot go yet keeps it listed for admins as being
   * deleted, with the reasons, and the sweep retries. An admin calling it again retries at once.
   */
  delete: activeProcedure
    .input(projectInput)
    .mutation(async ({ ctx, input }): Promise<ProjectDeletionOutcome & { deleted: string }> => {
      const { project } = await authorizeProject(
        ctx.db,
        ctx.caller.user,
        input.name,
        canDeleteProject,
      );
      const outcome = await deleteProject(ctx, project.name, ctx.caller.user.username);
      return { deleted: project.name, ...outcome };
    }),

  /** Projects whose deletion has not finished, with what failed and what it waits for (admins). */
  deletions: activeProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }): Promise<Page<ProjectView>> => {
      assertAllowed(canListAllProjects(ctx.caller.user));
      return ctx.db.projects.listDeleting(input);
    }),

  members: projectMembersRouter,
  groups: projectGroupsRouter,
} satisfies TRPCRouterRecord;
