import {
  isSettled,
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

/** A status is unsettled while the backend is still moving the resource (core's settledStatuses). */
function isUnsettled(kind: ComputeKind, status: ComputeStatus | null): boolean {
  return status !== null && status !== 'Deleted' && !isSettled(kind, status);
}

/**
 * The transaction items that keep a resource's unsettled marker true to its status: written when
 * it enters an unsettled status, removed when it settles or is deleted (`to` null). Nothing while
 * it moves between two unsettled (or two settled) statuses, so most status events cost no extra
 * write.
 */
export function unsettledMarkerOps(
  resource: { kind: ComputeKind; name: string },
  from: ComputeStatus | null,
  to: ComputeStatus | null,
  at: string,
): TxOp[] {
  const was = isUnsettled(resource.kind, from);
  const is = isUnsettled(resource.kind, to);
  const { kind, name } = resource;
  if (is && !was)
    return [({ unsettledResource }) => unsettledResource.put({ kind, name, since: at }).commit()];
  if (was && !is)
    return [({ unsettledResource }) => unsettledResource.delete({ kind, name }).commit()];
  return [];
}

/** Resources waiting for their backend, for the sweep's reconciliation (never a Scan). */
export function createUnsettledRepository(context: Context) {
  const { resource, unsettledResource } = context.model.entities;

  return {
    /**
     * Resources unsettled since `cutoff` or earlier, as their current records: a Query on the
     * markers' one partition (a FilterExpression on `since`), then one BatchGet per page.
     */
    async listSince(
      cutoff: string,
      input: { cursor?: string | null; limit: number },
    ): Promise<Page<ResourceRecord>> {
      const params = queryParams(
        unsettledResource.query
          .byResource({})
          .where((attributes, { lte }) => lte(attributes.since, cutoff))
          .params(),
      );
      const page = await queryPage(context.client, params, {
        cursor: input.cursor,
        limit: input.limit,
        filtered: true,
        toView: (Item) => unsettledResource.parse({ Item }).data ?? null,
      });
      if (page.items.length === 0) return { items: [], cursor: page.cursor };
      const { data } = await resource
        .get(page.items.map(({ kind, name }) => ({ kind, name })))
        .go();
      return { items: data.map(resourceRecordOf), cursor: page.cursor };
    },
  };
}

export type UnsettledRepository = ReturnType<typeof createUnsettledRepository>;
