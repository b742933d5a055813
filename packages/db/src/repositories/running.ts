import { QueryCommand } from '@aws-sdk/lib-dynamodb';

import {
  computeKinds,
  isRunning,
  type ComputeKind,
  type ComputeStatus,
  type Page,
  type ResourceRecord,
} from '@mlspace/core';

import type { Context } from '../model';
import { queryPage } from '../query-page';
import { queryParams } from '../query-params';
import type { TxOp } from '../tx';
import { resourceRecordOf } from './resources';

export interface RunningIdentity {
  kind: ComputeKind;
  name: string;
  project: string;
  owner: string;
  instanceType?: string | null;
  instanceCount?: number | null;
}

/**
 * The transaction items that keep a resource's running marker true to its status: written when it
 * starts running, removed when it stops (or `to` is null: the resource is deleted). Nothing when
 * running-ness does not change, so ordinary status events cost no extra write.
 */
export function runningMarkerOps(
  resource: RunningIdentity,
  from: ComputeStatus | null,
  to: ComputeStatus | null,
  at: string,
): TxOp[] {
  const was = from !== null && isRunning(resource.kind, from);
  const is = to !== null && isRunning(resource.kind, to);
  if (is && !was) {
    const { kind, name, project, owner, instanceType, instanceCount } = resource;
    return [
      ({ runningResource }) =>
        runningResource
          .put({
            kind,
            name,
            project,
            owner,
            since: at,
            meteredFrom: at,
            ...(instanceType ? { instanceType } : {}),
            ...(instanceCount ? { instanceCount } : {}),
          })
          .commit(),
    ];
  }
  if (was && !is) {
    return [
      ({ runningResource }) =>
        runningResource
          .delete({ project: resource.project, kind: resource.kind, name: resource.name })
          .commit(),
    ];
  }
  return [];
}

export interface RunningPageInput {
  cursor?: string | null;
  limit: number;
}

/** What runs now, per project and per user, read from the running markers (never a Scan). */
export function createRunningRepository(context: Context) {
  const { model } = context;
  const { resource, runningResource } = model.entities;

  /** The markers of one page, as the resources' current records (one BatchGet). */
  async function recordsOf(
    params: ReturnType<typeof queryParams>,
    input: RunningPageInput,
  ): Promise<Page<ResourceRecord>> {
    const page = await queryPage(context.client, params, {
      cursor: input.cursor,
      limit: input.limit,
      toView: (Item) => runningResource.parse({ Item }).data ?? null,
    });
    if (page.items.length === 0) return { items: [], cursor: page.cursor };
    const { data } = await resource.get(page.items.map(({ kind, name }) => ({ kind, name }))).go();
    const byKey = new Map(data.map((item) => [`${item.kind}#${item.name}`, item]));
    const items = page.items
      .map((marker) => byKey.get(`${marker.kind}#${marker.name}`))
      .filter((item) => item !== undefined)
      .map(resourceRecordOf);
    return { items, cursor: page.cursor };
  }

  return {
    /** A project's running resources, by kind and name. */
    listByProject(project: string, input: RunningPageInput): Promise<Page<ResourceRecord>> {
      return recordsOf(queryParams(runningResource.query.byProject({ project }).params()), input);
    },

    /** A user's running resources across projects, by kind and name (gsi1). */
    listByOwner(owner: string, input: RunningPageInput): Promise<Page<ResourceRecord>> {
      return recordsOf(queryParams(runningResource.query.byOwner({ owner }).params()), input);
    },

    /**
     * How many resources of each kind a project has: a counting Query per kind on the project's
     * resource partition (gsi1). It reads every item's key, so its cost grows with the project's
     * history; a counter on the project row would make it constant if that ever matters.
     */
    async countByProject(project: string): Promise<Record<ComputeKind, number>> {
      const counts = await Promise.all(
        computeKinds.map(async (kind) => {
          const params = queryParams(resource.query.byProject({ project, kind }).params());
          let count = 0;
          let startKey: Record<string, unknown> | undefined;
          do {
            const response = await context.client.send(
              new QueryCommand({ ...params, Select: 'COUNT', ExclusiveStartKey: startKey }),
            );
            count += response.Count ?? 0;
            startKey = response.LastEvaluatedKey;
          } while (startKey);
          return [kind, count] as const;
        }),
      );
      return Object.fromEntries(counts) as Record<ComputeKind, number>;
    },
  };
}

export type RunningRepository = ReturnType<typeof createRunningRepository>;
