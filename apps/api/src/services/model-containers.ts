import {
  ValidationError,
  canReadResource,
  scriptModeImage,
  type ComputeBackend,
  type ContainerSpec,
  type CreateModelInput,
  type Principal,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { backendFor } from './ml-resources';
import { authorizeTrainingJob } from './training-access';
import { assertStorageLocations, type StorageGateContext } from './storage-gate';

/**
 * The container a new model runs, with every location it reads passed through the data-plane gate:
 * the artefact (given, or a completed training job's of the same project), the inference code, and
 * any environment value that names an S3 object (the container fetches those too).
 */
export async function gatedModelContainer(
  ctx: StorageGateContext & { compute: ComputeBackend },
  user: Principal,
  input: CreateModelInput,
): Promise<ContainerSpec> {
  const artefact = input.trainingJobName
    ? { field: 'trainingJobName', uri: await trainingArtefact(ctx, user, input) }
    : input.modelDataS3Uri
      ? { field: 'modelDataS3Uri', uri: input.modelDataS3Uri }
      : null;
  const s3Variables = Object.entries(input.environment).filter(([, value]) =>
    value.trim().toLowerCase().startsWith('s3:'),
  );
  const locations = [
    ...(artefact ? [artefact] : []),
    ...(input.inferenceCodeS3Uri
      ? [{ field: 'inferenceCodeS3Uri', uri: input.inferenceCodeS3Uri }]
      : []),
    ...s3Variables.map(([variable, uri]) => ({ field: `environment.${variable}`, uri })),
  ];
  const uris = await assertStorageLocations(
    ctx,
    user,
    input.project,
    locations.map((location) => ({ ...location, access: 'read' as const })),
  );
  const resolved = new Map(locations.map((location, index) => [location.field, uris[index]!]));
  const environment = { ...input.environment };
  for (const [variable] of s3Variables)
    environment[variable] = resolved.get(`environment.${variable}`)!;
  const code = resolved.get('inferenceCodeS3Uri');
  if (code) {
    environment.SAGEMAKER_SUBMIT_DIRECTORY = code;
    if (code.endsWith('.py')) environment.SAGEMAKER_PROGRAM = code.split('/').pop()!;
    else environment.SAGEMAKER_PROGRAM ??= 'inference.py';
  }
  return {
    image: input.image || scriptModeImage.localName,
    modelDataS3Uri: artefact ? resolved.get(artefact.field) : undefined,
    environment,
  };
}

/** A completed training job of the same project that the caller may read: its artefact. */
async function trainingArtefact(
  ctx: { db: Db; compute: ComputeBackend },
  user: Principal,
  input: CreateModelInput,
): Promise<string> {
  const jobName = input.trainingJobName!;
  const { record } = await authorizeTrainingJob(ctx, user, jobName, canReadResource);
  if (record.project !== input.project)
    throw new ValidationError('trainingJobName', `${jobName} belongs to project ${record.project}`);
  const job = await backendFor(ctx.compute, 'trainingJob').describe(record.name);
  if (job?.status !== 'Completed' || !job.modelArtifactsS3Uri)
    throw new ValidationError(
      'trainingJobName',
      `${jobName} has not completed, so it has no model artefact`,
    );
  return job.modelArtifactsS3Uri;
}
