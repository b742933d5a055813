/**
 * A job's own output folder, to browse and download from: a training job's `<output>/<job name>/`
 * (where SageMaker and the local runner put its artefact and output data), a transform job's output
 * location. Reading it passes the same storage gate as a job's input, so the caller needs read access
 * to that dataset or output area, not only to the job; a file path from the client is checked by
 * the dataset file-name rules and can never leave the folder.
 */
import {
  assertSafeFileName,
  canReadResource,
  type ComputeBackend,
  type Principal,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { authorizeResource } from './resource-access';
import { assertStorageLocations, type StorageGateContext } from './storage-gate';
import { authorizeTrainingJob } from './training-access';

export type OutputJobKind = 'trainingJob' | 'transformJob' | 'batchTranslateJob';

export interface JobOutputFolder {
  /** The object key prefix, ending in `/`. */
  prefix: string;
  /** The same as an `s3://` URI, to show. */
  uri: string;
}

function withSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** Where the job writes, from what it was created with (never from the client). */
function outputUriOf(record: ResourceRecord): string | null {
  const output = record.spec.outputS3Uri;
  if (typeof output !== 'string' || output === '') return null;
  return record.kind === 'trainingJob' ? `${withSlash(output)}${record.name}/` : withSlash(output);
}

/** The job's output folder, once the caller may read the job and the location it wrote to. */
export async function authorizeJobOutputs(
  ctx: StorageGateContext & { db: Db; compute: ComputeBackend },
  user: Principal,
  kind: OutputJobKind,
  name: string,
): Promise<JobOutputFolder | null> {
  const { record } =
    kind === 'trainingJob'
      ? await authorizeTrainingJob(ctx, user, name, canReadResource)
      : await authorizeResource(ctx.db, user, kind, name, canReadResource);
  const uri = outputUriOf(record);
  if (!uri) return null;
  const [canonical] = await assertStorageLocations(ctx, user, record.project, [
    { field: 'outputS3Uri', uri, access: 'read' },
  ]);
  const folder = withSlash(canonical!);
  const bucketPrefix = `s3://${ctx.settings.s3.dataBucket}/`;
  return { prefix: folder.slice(bucketPrefix.length), uri: folder };
}

/** The key of a file inside the folder; a path that could leave it is a ValidationError on `path`. */
export function outputFileKey(folder: JobOutputFolder, path: string): string {
  assertSafeFileName(path, 'path');
  return `${folder.prefix}${path}`;
}
