import { ConflictError, NotFoundError, type Page } from '@mlspace/core';

import type { ConfigVersionItem } from '../entities/config-version';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { writeTransaction } from '../tx';
import { auditOp } from './audit-op';
import { queryParams } from '../query-params';

/** Only the global scope exists today; the key leaves room for per-project configuration. */
const globalScope = 'global';

/** A stored version; `document` is the configuration as the API validated it. */
export interface StoredConfigVersion {
  version: number;
  document: unknown;
  changedBy: string;
  changedAt: string;
  reason: string;
}

export interface SaveConfigInput {
  /** The version the caller loaded and edited; the save writes `expectedVersion + 1`. */
  expectedVersion: number;
  document: unknown;
  reason: string;
  actor: string;
  /** The audit action, e.g. `config.updated`, `config.rolled_back`, `config.imported`. */
  action: string;
  /** A summary for the audit event (never the whole document). */
  summary?: unknown;
}

function toStored(item: ConfigVersionItem): StoredConfigVersion {
  return {
    version: item.version,
    document: JSON.parse(item.document) as unknown,
    changedBy: item.changedBy,
    changedAt: item.changedAt,
    reason: item.reason,
  };
}

export function staleConfigMessage(loadedVersion: number): string {
  return `the configuration changed since you loaded it (version ${loadedVersion}); reload and reapply`;
}

export function createConfigRepository(context: Context) {
  const { model } = context;
  const { configVersion } = model.entities;

  return {
    async latest(): Promise<StoredConfigVersion | null> {
      const { data } = await configVersion.query
        .byVersion({ scope: globalScope })
        .go({ order: 'desc', limit: 1 });
      const [item] = data;
      return item ? toStored(item) : null;
    },

    async get(version: number): Promise<StoredConfigVersion> {
      const { data } = await configVersion.get({ scope: globalScope, version }).go();
      if (!data) throw new NotFoundError(`Configuration version ${version} does not exist`);
      return toStored(data);
    },

    /** Creates version 0 unless it exists; concurrent starts race safely on the condition. */
    async ensureInitial(document: unknown, actor: string): Promise<void> {
      const at = context.now();
      try {
        await writeTransaction(
          model,
          [
            ({ configVersion }) =>
              configVersion
                .create({
                  scope: globalScope,
                  version: 0,
                  document: JSON.stringify(document),
                  changedBy: actor,
                  changedAt: at,
                  reason: 'Initial configuration',
                })
                .commit(),
            auditOp(
              {
                actor,
                action: 'config.initialised',
                targetType: 'config',
                targetId: globalScope,
                after: { version: 0 },
              },
              at,
            ),
          ],
          () => 'version 0 exists',
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    },

    /**
     * Writes `expectedVersion + 1` if that version does not exist yet and `expectedVersion`
     * does; otherwise someone saved first, and the caller must reload.
     */
    async save(input: SaveConfigInput): Promise<StoredConfigVersion> {
      const at = context.now();
      const next: ConfigVersionItem = {
        scope: globalScope,
        version: input.expectedVersion + 1,
        document: JSON.stringify(input.document),
        changedBy: input.actor,
        changedAt: at,
        reason: input.reason,
      };
      await writeTransaction(
        model,
        [
          ({ configVersion }) =>
            configVersion
              .check({ scope: globalScope, version: input.expectedVersion })
              .where((attributes, { exists }) => exists(attributes.version))
              .commit(),
          ({ configVersion }) => configVersion.create(next).commit(),
          auditOp(
            {
              actor: input.actor,
              action: input.action,
              targetType: 'config',
              targetId: globalScope,
              before: { version: input.expectedVersion },
              after: {
                version: next.version,
                reason: input.reason,
                changes: input.summary ?? null,
              },
            },
            at,
          ),
        ],
        (index) =>
          index === 0
            ? `Configuration version ${input.expectedVersion} does not exist; reload and reapply`
            : staleConfigMessage(input.expectedVersion),
      );
      return toStored(next);
    },

    /** Every version, newest first. */
    async history(page: {
      cursor?: string | null;
      limit: number;
    }): Promise<Page<StoredConfigVersion>> {
      const params = queryParams(
        configVersion.query.byVersion({ scope: globalScope }).params({ order: 'desc' }),
      );
      return queryPage(context.client, params, {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = configVersion.parse({ Item });
          return data ? toStored(data) : null;
        },
      });
    },
  };
}

export type ConfigRepository = ReturnType<typeof createConfigRepository>;
