/**
 * Deleting a project. The project first becomes a tombstone: its name stays taken, and no member
 * reaches it any more. Then the deletion cascade removes everything it owns, stage by stage. What
 * failed and what is still going away are recorded on the tombstone for admins; the sweep repeats
 * the cascade until nothing is left, and only then are the memberships and the tombstone removed.
 */
import { NotFoundError, type ProjectDeletionView, type ProjectView } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import type { CascadeReport, ProjectCascade } from './cascade';

export interface ProjectDeletionOutcome {
  project: string;
  /** True once the project and everything it owned are gone. */
  complete: boolean;
  /** The tombstone while the deletion is unfinished; null once complete. */
  deletion: ProjectDeletionView | null;
  cascade: CascadeReport;
}

type Deps = { db: Db; cascade: ProjectCascade };

/** One pass of the cascade for a project already being deleted; safe to repeat. */
export async function continueProjectDeletion(
  { db, cascade }: Deps,
  name: string,
  actor: string,
): Promise<ProjectDeletionOutcome> {
  const report = await cascade.projectDeleted(name, actor);
  if (report.complete) {
    try {
      await db.projects.delete(name, actor);
    } catch (error) {
      // Another pass (the sweep, or a second request) finished it first.
      if (!(error instanceof NotFoundError)) throw error;
    }
    return { project: name, complete: true, deletion: null, cascade: report };
  }
  const steps = (
    pick: (kind: CascadeReport['kinds'][number]) => { resource: string; reason: string }[],
  ) => report.kinds.flatMap((kind) => pick(kind).map((entry) => ({ step: kind.kind, ...entry })));
  const tombstone: ProjectView | null = await db.projects.recordDeletionAttempt(name, {
    failures: steps((kind) => kind.failed),
    waiting: steps((kind) => kind.waiting ?? []),
  });
  return {
    project: name,
    complete: tombstone === null,
    deletion: tombstone?.deletion ?? null,
    cascade: report,
  };
}

/** Starts (or, while unfinished, retries at once) the deletion of a suspended project. */
export async function deleteProject(
  deps: Deps,
  name: string,
  actor: string,
): Promise<ProjectDeletionOutcome> {
  await deps.db.projects.startDeletion(name, actor);
  return continueProjectDeletion(deps, name, actor);
}
