/**
 * Turns "this caller, this notebook" into policy facts: the registry record, its project and the
 * caller's role there. Callers who may not read the notebook get the same denial whether or not
 * it exists, so names cannot be probed.
 */
import {
  ForbiddenError,
  NotFoundError,
  assertAllowed,
  type Decision,
  type Principal,
  type ResourceFacts,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

export interface NotebookAccess {
  record: ResourceRecord;
  facts: ResourceFacts;
}

export async function loadNotebookAccess(
  db: Db,
  principal: Principal,
  name: string,
): Promise<NotebookAccess> {
  const record = await db.resources.get('notebook', name);
  if (!record) {
    if (principal.isAdmin) throw new NotFoundError(`There is no notebook named ${name}`);
    throw new ForbiddenError(`There is no notebook named ${name} that you may see`);
  }
  const { project, role } = await db.projectAccess.of(record.project, principal.username);
  return {
    record,
    facts: {
      kind: 'notebook',
      createdBy: record.owner,
      createdAt: record.createdAt,
      // A notebook outliving its project counts as in a suspended project nobody belongs to.
      project: {
        name: record.project,
        suspended: project?.suspended ?? true,
        // Members of a project being deleted no longer reach its notebooks.
        role: project && !project.deletion ? role : null,
      },
    },
  };
}

export async function authorizeNotebook(
  db: Db,
  principal: Principal,
  name: string,
  decide: (principal: Principal, facts: ResourceFacts) => Decision,
): Promise<NotebookAccess> {
  const access = await loadNotebookAccess(db, principal, name);
  assertAllowed(decide(principal, access.facts));
  return access;
}
