/**
 * Turns "this caller, this project name" into the facts the policy decides on. Only admins learn
 * that a project does not exist: anyone else gets the same denial for a missing project as for
 * one they do not belong to, so names cannot be probed.
 */
import {
  ForbiddenError,
  NotFoundError,
  assertAllowed,
  type Decision,
  type Principal,
  type ProjectFacts,
  type ProjectView,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

export interface ProjectAccess {
  project: ProjectView;
  facts: ProjectFacts;
}

export async function loadProjectAccess(
  db: Db,
  principal: Principal,
  name: string,
): Promise<ProjectAccess> {
  // Kept per (project, user) while no project, group or membership row changes (ADR 011).
  const { project, role } = await db.projectAccess.of(name, principal.username);
  if (!project) {
    if (principal.isAdmin) throw new NotFoundError(`Project ${name} does not exist`);
    throw new ForbiddenError(`You are not a member of project '${name}'`);
  }
  // A project being deleted is gone for everyone but admins, who watch and retry its deletion.
  if (project.deletion && !principal.isAdmin)
    throw new ForbiddenError(`Project '${project.name}' is being deleted`);
  return { project, facts: { name: project.name, suspended: project.suspended, role } };
}

/** Loads the project and asks `decide`; the one path every project procedure takes. */
export async function authorizeProject(
  db: Db,
  principal: Principal,
  name: string,
  decide: (principal: Principal, facts: ProjectFacts) => Decision,
): Promise<ProjectAccess> {
  const access = await loadProjectAccess(db, principal, name);
  assertAllowed(decide(principal, access.facts));
  return access;
}
