/**
 * Writes a local job's augmented manifest: every object labeled or failed so far, in the input's
 * order, in Ground Truth's format; rewritten as objects are labeled, so it is current while the
 * job runs and complete when it ends (or is stopped).
 */
import {
  decodeMask,
  outputManifest,
  segmentationColour,
  type LabelingObjectRecord,
  type Mask,
} from '@mlspace/core';
import type { ObjectIo } from '@mlspace/aws';
import type { Db } from '@mlspace/db';

import { encodeMaskPng } from './png';
import type { LabelingJobSpec } from './spec';

export interface LabelingOutputContext {
  db: Db;
  objects: ObjectIo;
  bucket: string;
}

async function allObjects(db: Db, job: string): Promise<LabelingObjectRecord[]> {
  const objects: LabelingObjectRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.labeling.objects(job, { cursor, limit: 200 });
    objects.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return objects;
}

/**
 * Writes of one job's manifest run one after another, each reading the objects when its turn
 * comes, so a slow write can never land after, and undo, one that read more labels. Local mode
 * serves from one process, which makes this chain enough.
 */
const writing = new Map<string, Promise<void>>();

export function writeOutputManifest(
  ctx: LabelingOutputContext,
  job: string,
  spec: LabelingJobSpec,
): Promise<void> {
  const previous = writing.get(job) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => writeNow(ctx, job, spec));
  writing.set(job, next);
  void next
    .finally(() => {
      if (writing.get(job) === next) writing.delete(job);
    })
    .catch(() => {});
  return next;
}

async function writeNow(
  ctx: LabelingOutputContext,
  job: string,
  spec: LabelingJobSpec,
): Promise<void> {
  const done = (await allObjects(ctx.db, job)).filter(
    (object) => object.state !== 'pending' && object.label && object.labeledAt,
  );
  const text = outputManifest(
    { name: job, taskType: spec.taskType, labels: spec.labels },
    done.map((object) => ({
      line: object.line,
      label: object.label!,
      labeledAt: object.labeledAt!,
      imageSize: object.imageSize ?? undefined,
      maskUri: object.maskKey ? `s3://${ctx.bucket}/${object.maskKey}` : undefined,
    })),
  );
  await ctx.objects.write(
    spec.outputManifestKey,
    done.length > 0 ? text : '',
    'application/x-ndjson',
  );
}

/** Writes a consolidated mask as Ground Truth does: a PNG coloured by the internal colour map. */
export async function writeMask(ctx: LabelingOutputContext, key: string, mask: Mask) {
  await ctx.objects.write(
    key,
    encodeMaskPng(decodeMask(mask), mask.width, mask.height, segmentationColour),
    'image/png',
  );
}
