import {
  ConflictError,
  NotFoundError,
  RateLimitedError,
  type ApiTokenKind,
  type ApiTokenScope,
  type ApiTokenView,
  type Page,
  type UserView,
} from '@mlspace/core';

import type { ApiTokenItem } from '../entities/api-token';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { queryParams } from '../query-params';
import { writeTransaction, writeTransactionIfConditionsHold, type TxOp } from '../tx';
import { auditOp } from './audit-op';
import { toUserView } from './user-views';

/** A token as the API checks it: the view plus the hash its secret must match. */
export interface StoredApiToken extends ApiTokenView {
  secretHash: string;
}

export interface CreateApiTokenRecordInput {
  id: string;
  owner: string;
  name: string;
  kind: ApiTokenKind;
  scope: ApiTokenScope;
  projects: string[];
  notebook?: string;
  secretHash: string;
  expiresAt: string;
  /** Who asked, for the audit event; a notebook's credentials are not audited (MLSpace mints them). */
  actor?: string;
  /** Counted in the same transaction; at `max` already, nothing is written. */
  rateLimit?: {
    subject: string;
    windowStart: string;
    windowEnd: string;
    max: number;
    refusal: string;
  };
}

export type ApiTokenListOrder = 'newest' | 'oldest';

export interface ApiTokenPageInput {
  cursor?: string | null;
  limit: number;
  order?: ApiTokenListOrder;
}

/** A revoked or expired token stays readable this long, so its refusal can say why. */
const keptAfterExpiryDays: Record<ApiTokenKind, number> = { personal: 30, notebook: 1 };
const dayMs = 86_400_000;
/** Use is recorded at most this often per token, to keep writes low on busy tokens. */
export const lastUsedPrecisionMs = 60_000;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function toView(item: ApiTokenItem): ApiTokenView {
  return {
    id: item.id,
    owner: item.owner,
    name: item.name,
    kind: item.kind,
    scope: item.scope,
    projects: item.projects,
    notebook: item.notebook ?? null,
    createdAt: item.createdAt,
    expiresAt: item.expiresAt,
    lastUsedAt: item.lastUsedAt ?? null,
    revokedAt: item.revokedAt ?? null,
    revokedBy: item.revokedBy ?? null,
  };
}

export function createApiTokensRepository(context: Context) {
  const { apiToken, user } = context.model.entities;

  function revokeOp(item: ApiTokenItem, by: string, at: string): TxOp {
    return ({ apiToken: tokens }) =>
      tokens
        .patch({ id: item.id })
        .set({
          revokedAt: at,
          revokedBy: by,
          purgeAt: epochSeconds(at) + keptAfterExpiryDays[item.kind] * 86_400,
        })
        .where((attributes, { notExists }) => notExists(attributes.revokedAt))
        .commit();
  }

  async function allOf(owner: string, kind: ApiTokenKind): Promise<ApiTokenItem[]> {
    const { data } = await apiToken.query.byOwner({ owner, kind }).go({ pages: 'all' });
    return data;
  }

  /** Revokes the given tokens that are still usable, one transaction each; returns how many. */
  async function revokeUsable(items: ApiTokenItem[], by: string): Promise<number> {
    const at = context.now();
    let revoked = 0;
    for (const item of items) {
      if (item.revokedAt || item.expiresAt <= at) continue;
      if (await writeTransactionIfConditionsHold(context.model, [revokeOp(item, by, at)]))
        revoked += 1;
    }
    return revoked;
  }

  function page(
    query: ReturnType<typeof apiToken.query.byOwner> | ReturnType<typeof apiToken.query.allByTime>,
    input: ApiTokenPageInput,
  ): Promise<Page<ApiTokenView>> {
    const params = queryParams(query.params({ order: input.order === 'oldest' ? 'asc' : 'desc' }));
    return queryPage(context.client, params, {
      cursor: input.cursor,
      limit: input.limit,
      toView: (Item) => {
        const { data } = apiToken.parse({ Item });
        return data ? toView(data) : null;
      },
    });
  }

  return {
    /** Stores a new token (its hash only), with its audit event and rate count when given. */
    async create(input: CreateApiTokenRecordInput): Promise<ApiTokenView> {
      const createdAt = context.now();
      const item = {
        id: input.id,
        owner: input.owner,
        name: input.name,
        kind: input.kind,
        scope: input.scope,
        projects: input.projects,
        ...(input.notebook ? { notebook: input.notebook } : {}),
        secretHash: input.secretHash,
        createdAt,
        expiresAt: input.expiresAt,
        purgeAt: epochSeconds(input.expiresAt) + keptAfterExpiryDays[input.kind] * (dayMs / 1000),
      };
      const { rateLimit, actor } = input;
      const ops: TxOp[] = [
        ...(rateLimit
          ? [
              (({ rateWindow }) =>
                rateWindow
                  .update({ subject: rateLimit.subject, windowStart: rateLimit.windowStart })
                  .add({ count: 1 })
                  .set({ purgeAt: epochSeconds(rateLimit.windowEnd) + 3600 })
                  .where(
                    (attributes, { notExists, lt }) =>
                      `${notExists(attributes.count)} OR ${lt(attributes.count, rateLimit.max)}`,
                  )
                  .commit()) satisfies TxOp,
            ]
          : []),
        ({ apiToken: tokens }) => tokens.create(item).commit(),
        ...(actor
          ? [
              auditOp(
                {
                  actor,
                  action: 'apiToken.create',
                  targetType: 'apiToken',
                  targetId: item.id,
                  after: {
                    owner: item.owner,
                    name: item.name,
                    scope: item.scope,
                    projects: item.projects,
                    expiresAt: item.expiresAt,
                  },
                },
                createdAt,
              ),
            ]
          : []),
      ];
      await writeTransaction(context.model, ops, (failed) =>
        rateLimit && failed === 0
          ? new RateLimitedError(rateLimit.refusal)
          : `An API token with id ${item.id} already exists`,
      );
      return toView(item);
    },

    /** The token with its hash, or null when there is none (never created, or purged). */
    async get(id: string): Promise<StoredApiToken | null> {
      const { data } = await apiToken.get({ id }).go();
      return data ? { ...toView(data), secretHash: data.secretHash } : null;
    },

    /**
     * The token and its owner, both read from the table, not a cache: a suspension or deletion
     * must stop the token on its next use.
     */
    async getWithOwner(
      id: string,
    ): Promise<{ token: StoredApiToken; owner: UserView | null } | null> {
      const { data } = await apiToken.get({ id }).go();
      if (!data) return null;
      const { data: ownerItem } = await user.get({ username: data.owner }).go();
      return {
        token: { ...toView(data), secretHash: data.secretHash },
        owner: ownerItem ? toUserView(ownerItem) : null,
      };
    },

    /** Records a use, unless one was recorded in the last minute (then nothing is written). */
    async recordUse(id: string): Promise<void> {
      const at = context.now();
      const recentEnough = new Date(Date.parse(at) - lastUsedPrecisionMs).toISOString();
      await writeTransactionIfConditionsHold(context.model, [
        ({ apiToken: tokens }) =>
          tokens
            .patch({ id })
            .set({ lastUsedAt: at })
            .where(
              (attributes, { notExists, lt }) =>
                `${notExists(attributes.lastUsedAt)} OR ${lt(attributes.lastUsedAt, recentEnough)}`,
            )
            .commit(),
      ]);
    },

    /** A user's tokens of one kind (their settings page), newest first unless asked otherwise. */
    listForOwner(
      owner: string,
      kind: ApiTokenKind,
      input: ApiTokenPageInput,
    ): Promise<Page<ApiTokenView>> {
      return page(apiToken.query.byOwner({ owner, kind }), input);
    },

    /** Everyone's tokens of one kind (the admin list), newest first unless asked otherwise. */
    listAll(kind: ApiTokenKind, input: ApiTokenPageInput): Promise<Page<ApiTokenView>> {
      return page(apiToken.query.allByTime({ kind }), input);
    },

    /** Revokes one token, with its audit event. Revoking a revoked token is a conflict. */
    async revoke(id: string, by: string): Promise<ApiTokenView> {
      const { data } = await apiToken.get({ id }).go();
      if (!data) throw new NotFoundError(`API token ${id} does not exist`);
      if (data.revokedAt) throw new ConflictError(`API token ${data.name} is already revoked`);
      const at = context.now();
      await writeTransaction(
        context.model,
        [
          revokeOp(data, by, at),
          auditOp(
            {
              actor: by,
              action: 'apiToken.revoke',
              targetType: 'apiToken',
              targetId: data.id,
              before: { owner: data.owner, name: data.name, scope: data.scope },
            },
            at,
          ),
        ],
        () => `API token ${data.name} is already revoked`,
      );
      return { ...toView(data), revokedAt: at, revokedBy: by };
    },

    /** Every usable token of a user, both kinds (suspension, deletion); returns how many. */
    async revokeAllOf(owner: string, by: string): Promise<number> {
      const [personal, notebook] = await Promise.all([
        allOf(owner, 'personal'),
        allOf(owner, 'notebook'),
      ]);
      return revokeUsable([...personal, ...notebook], by);
    },

    /** A notebook's credentials (its creator's notebook tokens naming it), when it stops or goes. */
    async revokeForNotebook(owner: string, notebook: string, by: string): Promise<number> {
      const items = await allOf(owner, 'notebook');
      return revokeUsable(
        items.filter((item) => item.notebook === notebook),
        by,
      );
    },
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
