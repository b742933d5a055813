/**
 * The epochs the in-process caches stand on (ADR 011): `reach` moves with every write to a
 * project, group or membership row, `datasets` with every write to a dataset or share row, each in
 * the write's own transaction (`tx.ts`). Both live on one item, read strongly consistently in one
 * GetItem at the start of a request that may serve from a cache.
 */
import type { Context } from './model';

export interface Epochs {
  reach: number;
  datasets: number;
}

export async function readEpochs(context: Context): Promise<Epochs> {
  const { data } = await context.model.entities.reachEpoch
    .get({})
    .go({ consistent: true, attributes: ['epoch', 'datasetEpoch'] });
  return { reach: data?.epoch ?? 0, datasets: data?.datasetEpoch ?? 0 };
}
