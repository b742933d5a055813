/**
 * Locally MLSpace itself is the labeling tool (ADR 015): this is the labeling-job port over the
 * registry. Creating a job reads its input manifest and hands each object to its workers; workers
 * label in the portal (worker-tasks.ts); stopping keeps what was labeled in the output manifest.
 */
import {
  ValidationError,
  assignWorkers,
  imageSizeOf,
  labelingTaskTypeInfo,
  maxTextObjectBytes,
  outputManifestUri,
  resolveStorageLocation,
  type ComputeBackend,
  type CreateLabelingJobRequest,
  type LabelingJobBackend,
  type LabelingJobDescription,
  type LabelingJobStatus,
  type ManifestLine,
  type NewLabelingObject,
} from '@mlspace/core';

import { writeOutputManifest, type LabelingOutputContext } from './output';
import { labelingSpecOf } from './spec';

/** A JPEG's frame header sits after its metadata segments; 256 KiB holds it in practice. */
const headerBytes = 256 * 1024;

function keyOf(uri: string, bucket: string, field: string): string {
  return resolveStorageLocation(uri, bucket, field).key;
}

async function objectFacts(
  ctx: LabelingOutputContext,
  request: CreateLabelingJobRequest,
  line: ManifestLine,
  index: number,
): Promise<Omit<NewLabelingObject, 'workers'>> {
  const field = `input (object ${index + 1})`;
  const ref = line['source-ref'];
  if (labelingTaskTypeInfo[request.taskType].media === 'image') {
    const name = ref!.split('/').pop();
    const bytes = await ctx.objects.read(keyOf(ref!, ctx.bucket, field), headerBytes);
    if (!bytes) throw new ValidationError(field, `there is no file ${name}`);
    const imageSize = imageSizeOf(bytes);
    if (!imageSize) throw new ValidationError(field, `${name} is not a PNG or JPEG image`);
    return { line, imageSize };
  }
  if (line.source !== undefined) return { line, textLength: line.source.length };
  const bytes = await ctx.objects.read(keyOf(ref!, ctx.bucket, field), maxTextObjectBytes + 1);
  if (!bytes) throw new ValidationError(field, `there is no file ${ref!.split('/').pop()}`);
  if (bytes.length > maxTextObjectBytes)
    throw new ValidationError(field, `the text is longer than ${maxTextObjectBytes} bytes`);
  return { line, textLength: new TextDecoder().decode(bytes).length };
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  run: (item: T, index: number) => Promise<R>,
) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size)
    results.push(
      ...(await Promise.all(
        items.slice(start, start + size).map((item, at) => run(item, start + at)),
      )),
    );
  return results;
}

export function createLocalLabelingBackend(ctx: LabelingOutputContext): LabelingJobBackend {
  const { db, bucket } = ctx;

  async function describe(name: string): Promise<LabelingJobDescription | null> {
    const record = await db.resources.get('labelingJob', name);
    if (!record) return null;
    const spec = labelingSpecOf(record);
    const tallies = await db.labeling.tallies(name);
    const total = tallies?.total ?? 0;
    const labeled = tallies?.labeled ?? 0;
    const failed = tallies?.failed ?? 0;
    return {
      name,
      status: record.status as LabelingJobStatus,
      failureReason: record.failureReason ?? undefined,
      counters: { total, labeled, failed, unlabeled: total - labeled - failed },
      outputManifestUri: `s3://${bucket}/${spec.outputManifestKey}`,
      createdAt: record.createdAt,
      metadata: {},
    };
  }

  return {
    async create(request) {
      const manifestKey = keyOf(request.inputManifestUri, bucket, 'input');
      const bytes = await ctx.objects.read(manifestKey, 64 * 1024 * 1024);
      if (!bytes) throw new ValidationError('input', 'the input manifest was not written');
      const lines = new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as ManifestLine);
      const facts = await inBatches(lines, 16, (line, index) =>
        objectFacts(ctx, request, line, index),
      );
      const workers = assignWorkers(lines.length, request.workers, request.workersPerObject);
      try {
        await db.labeling.createJob(
          request.name,
          facts.map((object, index) => ({ ...object, workers: workers[index]! })),
        );
      } catch (error) {
        await db.labeling.removeJob(request.name);
        throw error;
      }
      return {
        name: request.name,
        status: 'InProgress',
        counters: { total: lines.length, labeled: 0, failed: 0, unlabeled: lines.length },
        outputManifestUri: outputManifestUri(request.outputUri, request.name),
        metadata: {},
      };
    },

    describe,

    async stop(name) {
      const record = await db.resources.get('labelingJob', name);
      if (!record || !['InProgress', 'Initializing'].includes(record.status)) return;
      await writeOutputManifest(ctx, name, labelingSpecOf(record));
      await db.resources.applyStatus({
        kind: 'labelingJob',
        name,
        status: 'Stopped',
        at: new Date().toISOString(),
      });
    },
  };
}

/** The compute backend with local labeling added where the backend has no labeling of its own. */
export function withLocalLabeling(
  compute: ComputeBackend,
  ctx: LabelingOutputContext,
): ComputeBackend {
  if (compute.labelingJobs || compute.name !== 'local') return compute;
  return { ...compute, labelingJobs: createLocalLabelingBackend(ctx) };
}
