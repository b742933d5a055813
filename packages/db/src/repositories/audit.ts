import type { Page } from '@mlspace/core';

import type { AuditEventItem } from '../entities/audit-event';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { queryParams } from '../query-params';

export interface AuditEventView {
  id: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  at: string;
  /** The API token the actor used (`apiToken <id> (<name>)`), or null for their own sign-in. */
  via: string | null;
}

export interface ListAuditInput {
  cursor?: string | null;
  limit: number;
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive ISO timestamps. */
  from?: string;
  to?: string;
}

function toAuditView(item: AuditEventItem): AuditEventView {
  const changes = JSON.parse(item.changes) as { before: unknown; after: unknown };
  return {
    id: item.id,
    actor: item.actor,
    action: item.action,
    targetType: item.targetType,
    targetId: item.targetId,
    before: changes.before,
    after: changes.after,
    at: item.at,
    via: item.via ?? null,
  };
}

export function createAuditRepository(context: Context) {
  const { auditEvent } = context.model.entities;

  /** The most selective key for the filters given; the others become a FilterExpression. */
  function chooseQuery(input: ListAuditInput) {
    if (input.targetType && input.targetId) {
      return {
        query: auditEvent.query.byTarget({
          targetType: input.targetType,
          targetId: input.targetId,
        }),
        keyed: ['targetType', 'targetId'],
      };
    }
    if (input.actor)
      return { query: auditEvent.query.byActor({ actor: input.actor }), keyed: ['actor'] };
    return { query: auditEvent.query.allByTime({}), keyed: [] };
  }

  return {
    /** Newest first. */
    async list(input: ListAuditInput): Promise<Page<AuditEventView>> {
      const { query, keyed } = chooseQuery(input);
      const ranged =
        input.from && input.to
          ? query.between({ at: input.from }, { at: input.to })
          : input.from
            ? query.gte({ at: input.from })
            : input.to
              ? query.lte({ at: input.to })
              : query;
      const filters = (['actor', 'targetType', 'targetId'] as const).filter(
        (name) => input[name] !== undefined && !keyed.includes(name),
      );
      const params = queryParams(
        ranged
          .where((attributes, { eq }) =>
            filters.map((name) => eq(attributes[name], input[name] ?? '')).join(' AND '),
          )
          .params({ order: 'desc' }),
      );
      return queryPage(context.client, params, {
        cursor: input.cursor,
        limit: input.limit,
        filtered: filters.length > 0,
        toView: (Item) => {
          const { data } = auditEvent.parse({ Item });
          return data ? toAuditView(data) : null;
        },
      });
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
