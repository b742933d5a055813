/**
 * What runs now (holds instances, so costs money): a project's, for its overview and cost controls,
 * and the caller's across projects, for the dashboard. Read from the running markers (db `running`).
 */
import {
  canReadProject,
  type ComputeKind,
  type Page,
  type Principal,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { authorizeProject } from './project-access';

export interface RunningResourceView {
  kind: ComputeKind;
  name: string;
  project: string;
  owner: string;
  status: string;
  instanceType: string | null;
  createdAt: string;
  /** When it last started running; null when the backend has not said yet. */
  startedAt: string | null;
  /** The cost controls' next stop (notebooks) or termination (endpoints), if any. */
  stopAt: string | null;
  terminateAt: string | null;
}

export type RunningPageView = Page<RunningResourceView>;

function toView(record: ResourceRecord): RunningResourceView {
  return {
    kind: record.kind,
    name: record.name,
    project: record.project,
    owner: record.owner,
    status: record.status,
    instanceType: record.instanceType,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    stopAt: record.stopAt,
    terminateAt: record.terminateAt,
  };
}

/**
 * A project's running resources. Notebooks follow the notebook list's rule: owners and admins see
 * every one, members their own.
 */
export async function listProjectRunning(
  db: Db,
  user: Principal,
  project: string,
  page: { cursor?: string | null; limit: number },
): Promise<RunningPageView> {
  const { facts } = await authorizeProject(db, user, project, canReadProject);
  const seesAllNotebooks = user.isAdmin || facts.role === 'owner';
  const running = await db.running.listByProject(facts.name, page);
  return {
    items: running.items
      .filter(
        (record) =>
          seesAllNotebooks || record.kind !== 'notebook' || record.owner === user.username,
      )
      .map(toView),
    cursor: running.cursor,
  };
}

/** The caller's running resources, in the projects they still belong to (as "my notebooks"). */
export async function listMyRunning(
  db: Db,
  username: string,
  page: { cursor?: string | null; limit: number },
): Promise<RunningPageView> {
  const running = await db.running.listByOwner(username, page);
  const projects = [...new Set(running.items.map((record) => record.project))];
  const roles = await Promise.all(
    projects.map((project) => db.membership.effectiveRole(project, username)),
  );
  const stillMember = new Set(projects.filter((_, index) => roles[index] !== null));
  return {
    items: running.items.filter((record) => stillMember.has(record.project)).map(toView),
    cursor: running.cursor,
  };
}

/** How many resources of each kind a project holds. */
export async function countProjectResources(
  db: Db,
  user: Principal,
  project: string,
): Promise<Record<ComputeKind, number>> {
  const { facts } = await authorizeProject(db, user, project, canReadProject);
  return db.running.countByProject(facts.name);
}
