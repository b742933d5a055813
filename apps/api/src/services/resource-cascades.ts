/**
 * The cascade hooks of product.md "Lifecycle cascades": suspending a project stops its notebooks
 * and running jobs and deletes its endpoints; removing a member (or leaving) stops their notebooks,
 * and so does reaching a hard-stop budget (for the whole project);
 * deleting a project stops and deletes every resource it has (endpoint configs and models after
 * the endpoints that use them). Every resource is tried; failures are recorded on the resource and
 * retried by the next sweep.
 */
import type { ComputeKind, ComputeStatus, ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import type { CascadeOutcome, ProjectCascade } from './cascade';
import { isClusterEnded } from './clusters';
import type { ResourceAction, ResourceActions } from './resource-actions';

async function allInProject(
  db: Db,
  project: string,
  kind: ComputeKind,
  filter: { owner?: string; status?: ComputeStatus } = {},
): Promise<ResourceRecord[]> {
  const records: ResourceRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.resources.listByProject(project, kind, { cursor, limit: 100, ...filter });
    records.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return records;
}

async function actOnAll(
  actions: ResourceActions,
  records: ResourceRecord[],
  action: ResourceAction,
  actor: string,
): Promise<CascadeOutcome> {
  const outcomes = await Promise.all(
    records.map((record) => actions.attempt(record, action, actor)),
  );
  return {
    done: outcomes
      .filter((outcome) => outcome.ok && outcome.acted && !outcome.waiting)
      .map((outcome) => outcome.resource),
    waiting: outcomes
      .filter((outcome) => outcome.ok && outcome.waiting)
      .map((outcome) => ({ resource: outcome.resource, reason: outcome.waiting ?? '' })),
    failed: outcomes
      .filter((outcome) => !outcome.ok)
      .map((outcome) => ({
        resource: outcome.resource,
        reason: outcome.reason ?? 'unknown error',
      })),
  };
}

const runningNotebookStatuses: ComputeStatus[] = ['InService', 'Pending'];

export function registerResourceCascades(
  cascade: ProjectCascade,
  db: Db,
  actions: ResourceActions,
): void {
  const runningNotebooks = async (project: string, owner?: string) =>
    (
      await Promise.all(
        runningNotebookStatuses.map((status) =>
          allInProject(db, project, 'notebook', { status, owner }),
        ),
      )
    ).flat();

  const deleteAll = (kind: ComputeKind) => async (project: string, actor: string) =>
    actOnAll(actions, await allInProject(db, project, kind), 'delete', actor);

  cascade.register({
    kind: 'notebook',
    onProjectSuspended: async (project, actor) =>
      actOnAll(actions, await runningNotebooks(project), 'stop', actor),
    onMemberRemoved: async (project, username, actor) =>
      actOnAll(actions, await runningNotebooks(project, username), 'stop', actor),
    onBudgetReached: async (project, actor) =>
      actOnAll(actions, await runningNotebooks(project), 'stop', actor),
    onProjectDeleted: deleteAll('notebook'),
  });
  for (const kind of ['trainingJob', 'hpoJob', 'transformJob', 'labelingJob'] as const) {
    cascade.register({
      kind,
      onProjectSuspended: async (project, actor) =>
        actOnAll(
          actions,
          await allInProject(db, project, kind, { status: 'InProgress' }),
          'stop',
          actor,
        ),
      onProjectDeleted: deleteAll(kind),
    });
  }
  // Removing a member also stops their batch translation jobs, as the reference did.
  cascade.register({
    kind: 'batchTranslateJob',
    onProjectSuspended: async (project, actor) =>
      actOnAll(
        actions,
        await allInProject(db, project, 'batchTranslateJob', { status: 'InProgress' }),
        'stop',
        actor,
      ),
    onMemberRemoved: async (project, username, actor) =>
      actOnAll(
        actions,
        await allInProject(db, project, 'batchTranslateJob', {
          status: 'InProgress',
          owner: username,
        }),
        'stop',
        actor,
      ),
    onProjectDeleted: deleteAll('batchTranslateJob'),
  });
  cascade.register({
    kind: 'endpoint',
    onProjectSuspended: deleteAll('endpoint'),
    onProjectDeleted: deleteAll('endpoint'),
  });
  // Clusters are terminated (and stay listed) when the project is suspended or their creator leaves.
  const activeClusters = async (project: string, owner?: string) =>
    (await allInProject(db, project, 'emrCluster', { owner })).filter(
      (record) => !isClusterEnded(record.status),
    );
  cascade.register({
    kind: 'emrCluster',
    onProjectSuspended: async (project, actor) =>
      actOnAll(actions, await activeClusters(project), 'stop', actor),
    onMemberRemoved: async (project, username, actor) =>
      actOnAll(actions, await activeClusters(project, username), 'stop', actor),
    onProjectDeleted: deleteAll('emrCluster'),
  });
  for (const kind of ['endpointConfig', 'model'] as const) {
    cascade.register({ kind, onProjectDeleted: deleteAll(kind), deletionStage: 'dependents' });
  }
}
