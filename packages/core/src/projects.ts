import * as z from 'zod';

/** Project names appear in URLs, S3 prefixes and IAM role names, hence the narrow alphabet. */
export const projectNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{3,24}$/, 'must be 3 to 24 characters, letters and digits only');

export const projectDescriptionSchema = z.string().max(4000, 'must be at most 4000 characters');

export const createProjectInputSchema = z.object({
  name: projectNameSchema,
  description: projectDescriptionSchema,
});
export type CreateProjectInput = z.infer<typeof createProjectInputSchema>;

export const updateProjectInputSchema = z.object({ description: projectDescriptionSchema });
export type UpdateProjectInput = z.infer<typeof updateProjectInputSchema>;

export const projectRoleSchema = z.enum(['owner', 'member']);
export type ProjectRole = z.infer<typeof projectRoleSchema>;

/** The effective role is the highest of the direct role and every linked group's role. */
export function highestRole(
  roles: readonly (ProjectRole | null | undefined)[],
): ProjectRole | null {
  if (roles.includes('owner')) return 'owner';
  if (roles.includes('member')) return 'member';
  return null;
}

export interface ProjectView {
  name: string;
  description: string;
  suspended: boolean;
  /** Direct user owners; the last one can never be removed, demoted, suspended or leave. */
  ownerCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Set while the project is being deleted: a tombstone that holds the name until nothing is left. */
  deletion: ProjectDeletionView | null;
}

/** What a deletion that has not finished still waits for, so admins can see and act on it. */
export interface ProjectDeletionView {
  requestedBy: string;
  requestedAt: string;
  /** How many times the deletion cascade has run (the request, then each sweep). */
  attempts: number;
  lastAttemptAt: string;
  /** Steps that failed on the last attempt, with the reason. */
  failures: { step: string; resource: string; reason: string }[];
  /** Resources acted on but not gone yet (a notebook still stopping). */
  waiting: { step: string; resource: string; reason: string }[];
}

/** A project as listed under "my projects": how the user reaches it and with which role. */
export interface MyProjectView extends ProjectView {
  role: ProjectRole;
  directRole: ProjectRole | null;
  /** Groups through which the user reaches the project, with each link's role. */
  viaGroups: { group: string; role: ProjectRole }[];
}

export interface ProjectMemberView {
  project: string;
  username: string;
  role: ProjectRole;
  addedBy: string;
  addedAt: string;
}

export interface ProjectGroupView {
  project: string;
  group: string;
  role: ProjectRole;
  addedBy: string;
  addedAt: string;
}
