import {
  ValidationError,
  algorithmChoiceSchema,
  algorithmSupportStatement,
  canReadResource,
  findBuiltinAlgorithm,
  isImageUri,
  scriptModeImage,
  type ComputeBackend,
  type ContainerSpec,
  type CreateModelInput,
  type Principal,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { backendFor } from './ml-resources';
import type { AlgorithmGateContext } from './training-requests';
import { authorizeTrainingJob } from './training-access';
import { assertStorageLocations, type StorageGateContext } from './storage-gate';

/**
 * The container a new model runs, with every location it reads passed through the data-plane gate:
 * the artefact (given, or a completed training job's of the same project), the inference code, and
 * any environment value that names an S3 object (the container fetches those too).
 */
export async function gatedModelContainer(
  ctx: StorageGateContext & AlgorithmGateContext & { compute: ComputeBackend },
  user: Principal,
  input: CreateModelInput,
): Promise<ContainerSpec> {
  if (input.image) await assertServingImage(ctx, input.image);
  const job = input.trainingJobName ? await trainingArtefact(ctx, user, input) : null;
  const artefact = job
    ? { field: 'trainingJobName', uri: job.artefact }
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
    image: input.image || job?.image || scriptModeImage.localName,
    modelDataS3Uri: artefact ? resolved.get(artefact.field) : undefined,
    environment,
  };
}

/**
 * A model's image is a built-in algorithm's name (its serving image), `sklearn`, or the user's
 * own image: refused where the backend runs no images, and outside the allowed repositories.
 */
async function assertServingImage(ctx: AlgorithmGateContext, image: string): Promise<void> {
  if (image === scriptModeImage.localName || findBuiltinAlgorithm(image)) return;
  if (!isImageUri(image))
    throw new ValidationError(
      'image',
      'must be sklearn, a built-in algorithm or an ECR image URI like 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/server:1.0',
    );
  const support = algorithmSupportStatement(ctx.compute.name);
  if (!support.containerImages) throw new ValidationError('image', support.summary);
  await ctx.configService.assertImageAllowed('image', image);
}

/**
 * A completed training job of the same project that the caller may read: its artefact, and the
 * image that serves it (the built-in algorithm it ran, or the user's own image).
 */
async function trainingArtefact(
  ctx: { db: Db; compute: ComputeBackend },
  user: Principal,
  input: CreateModelInput,
): Promise<{ artefact: string; image: string | undefined }> {
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
  const algorithm = algorithmChoiceSchema.safeParse(record.spec.algorithm);
  const image = !algorithm.success
    ? undefined
    : algorithm.data.kind === 'builtin'
      ? algorithm.data.name
      : algorithm.data.kind === 'image'
        ? algorithm.data.imageUri
        : undefined;
  return { artefact: job.modelArtifactsS3Uri, image };
}
