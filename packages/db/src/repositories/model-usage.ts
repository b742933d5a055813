import type { ModelUsageRow } from '@mlspace/core';

import type { ModelUsageItem } from '../entities/model-usage';
import type { Context } from '../model';

export interface ModelUsageIncrement {
  project: string;
  month: string;
  username: string;
  source: ModelUsageRow['source'];
  model: string;
  inputTokens: number;
  outputTokens: number;
}

function toRow(item: ModelUsageItem): ModelUsageRow {
  return {
    month: item.month,
    project: item.project,
    username: item.username,
    source: item.source,
    model: item.model,
    requests: item.requests ?? 0,
    inputTokens: item.inputTokens ?? 0,
    outputTokens: item.outputTokens ?? 0,
  };
}

/** Playground usage (ADR 017): counted per project, user, model and month. */
export function createModelUsageRepository(context: Context) {
  const { modelUsage } = context.model.entities;
  return {
    /** One request's tokens, added atomically to its month's row (created by the first). */
    async record(increment: ModelUsageIncrement): Promise<void> {
      const { inputTokens, outputTokens, ...key } = increment;
      await modelUsage
        .upsert(key)
        .add({ requests: 1, inputTokens, outputTokens })
        .set({ updatedAt: context.now() })
        .go();
    },

    /** A project's usage in a month, by user and model. */
    async forProject(project: string, month: string): Promise<ModelUsageRow[]> {
      const { data } = await modelUsage.query
        .byProjectMonth({ project, month })
        .go({ pages: 'all' });
      return data.map(toRow);
    },

    /**
     * Removes every month of a deleted project's usage, so a later project of the same name starts
     * with none (ADR 010); returns how many rows went.
     */
    async deleteForProject(project: string): Promise<number> {
      const { data } = await modelUsage.query.byProjectMonth({ project }).go({ pages: 'all' });
      if (data.length > 0) await modelUsage.delete(data).go();
      return data.length;
    },

    /** Every project's usage in a month, by project, user and model. */
    async forMonth(month: string): Promise<ModelUsageRow[]> {
      const { data } = await modelUsage.query.byMonth({ month }).go({ pages: 'all' });
      return data.map(toRow);
    },
  };
}

export type ModelUsageRepository = ReturnType<typeof createModelUsageRepository>;
