/**
 * A project and a user's effective role in it: what every project-scoped request is decided on.
 * Kept in this process while the reach epoch stands (ADR 011, "The project access cache"): both
 * come from project, membership, group and group-member rows, and every transaction that writes
 * one of those moves the reach epoch on, so a removal or a suspension takes effect on the very
 * next request, here and in every other process.
 */
import type { ProjectRole, ProjectView } from '@mlspace/core';

import { createEpochKept, type EpochKeptOptions } from '../epoch-kept';
import { readEpochs } from '../epochs';
import type { Context } from '../model';
import type { MembershipRepository } from './membership';

export interface ProjectAccessRead {
  /** Null when no project has this name. */
  project: ProjectView | null;
  /** Null when the user is neither a member nor in a linked group. */
  role: ProjectRole | null;
}

/** Kept reads are handed to every later request: nothing downstream may change them. */
function frozen(read: ProjectAccessRead): ProjectAccessRead {
  if (read.project) {
    Object.freeze(read.project.deletion);
    Object.freeze(read.project);
  }
  return Object.freeze(read);
}

export function createProjectAccessRepository(
  context: Context,
  projects: { get(name: string): Promise<ProjectView | null> },
  membership: Pick<MembershipRepository, 'effectiveRole'>,
  options: EpochKeptOptions = {},
) {
  const kept = createEpochKept<ProjectAccessRead>({
    maxWeight: 50_000,
    maxEntries: 50_000,
    ...options,
    weigh: () => 1,
    seal: frozen,
  });
  return {
    /** One strongly consistent read of the epoch, then the project and role (kept or read). */
    async of(projectName: string, username: string): Promise<ProjectAccessRead> {
      const { reach } = await readEpochs(context);
      return kept.under(reach)(JSON.stringify([projectName, username]), async () => {
        const [project, role] = await Promise.all([
          projects.get(projectName),
          membership.effectiveRole(projectName, username),
        ]);
        return { project, role };
      });
    },
  };
}

export type ProjectAccessRepository = ReturnType<typeof createProjectAccessRepository>;
