import {
  ValidationError,
  algorithmRunsOn,
  algorithmSupportStatement,
  findBuiltinAlgorithm,
  missingHyperParameters,
  type BackendName,
  type Principal,
  scriptModeImage,
  type CreateTrainingJobRequest,
  type ProjectContext,
  type TrainingDefinitionInput,
  type trainingDefinitionSchema,
} from '@mlspace/core';
import type * as z from 'zod';

import { assertStorageLocations, type StorageGateContext } from './storage-gate';

type TrainingDefinition = z.infer<typeof trainingDefinitionSchema>;

/** What the algorithm check needs: which backend runs jobs, and the administrator's image rule. */
export interface AlgorithmGateContext {
  compute: { name: BackendName };
  configService: { assertImageAllowed(field: string, imageUri: string): Promise<void> };
}

/**
 * Refuses, before anything starts, an algorithm this backend cannot run (naming what it can), a
 * built-in's hyperparameter that depends on the data and was left empty, and a container image
 * outside the repositories the administrator allows.
 */
export async function assertAlgorithmRunsHere(
  ctx: AlgorithmGateContext,
  definition: TrainingDefinition,
  fieldPrefix = '',
): Promise<void> {
  const { algorithm } = definition;
  const backend = ctx.compute.name;
  if (algorithm.kind === 'image') {
    const support = algorithmSupportStatement(backend);
    if (!support.containerImages)
      throw new ValidationError(`${fieldPrefix}algorithm.imageUri`, support.summary);
    await ctx.configService.assertImageAllowed(
      `${fieldPrefix}algorithm.imageUri`,
      algorithm.imageUri,
    );
    return;
  }
  if (algorithm.kind !== 'builtin') return;
  const builtin = findBuiltinAlgorithm(algorithm.name);
  if (!builtin)
    throw new ValidationError(
      `${fieldPrefix}algorithm.name`,
      `${algorithm.name} is not a built-in algorithm`,
    );
  if (!algorithmRunsOn(builtin, backend))
    throw new ValidationError(
      `${fieldPrefix}algorithm.name`,
      `${builtin.label} does not run here. ${algorithmSupportStatement(backend).summary}`,
    );
  const missing = missingHyperParameters(builtin, definition.hyperParameters)[0];
  if (missing)
    throw new ValidationError(
      `${fieldPrefix}hyperParameters.${missing}`,
      `is required by ${builtin.label}: give the value for your data`,
    );
}

/**
 * The definition with every location passed through the data-plane gate: channels are read, the
 * entry point is read, the output is written. `fieldPrefix` is where the definition sits in the
 * input (`training.` for tuning), so errors name the field the form shows.
 */
export async function gatedTrainingDefinition(
  ctx: StorageGateContext & AlgorithmGateContext,
  user: Principal,
  project: string,
  definition: TrainingDefinition,
  fieldPrefix = '',
): Promise<TrainingDefinition> {
  refuseReservedHyperParameters(definition, fieldPrefix);
  await assertAlgorithmRunsHere(ctx, definition, fieldPrefix);
  const { algorithm, inputs } = definition;
  const uris = await assertStorageLocations(ctx, user, project, [
    { field: `${fieldPrefix}outputS3Uri`, uri: definition.outputS3Uri, access: 'write' },
    ...inputs.map((channel, index) => ({
      field: `${fieldPrefix}inputs.${index}.s3Uri`,
      uri: channel.s3Uri,
      access: 'read' as const,
    })),
    ...(algorithm.kind === 'script'
      ? [
          {
            field: `${fieldPrefix}algorithm.entryPointS3Uri`,
            uri: algorithm.entryPointS3Uri,
            access: 'read' as const,
          },
        ]
      : []),
  ]);
  return {
    ...definition,
    outputS3Uri: uris[0]!,
    inputs: inputs.map((channel, index) => ({ ...channel, s3Uri: uris[1 + index]! })),
    algorithm:
      algorithm.kind === 'script'
        ? { ...algorithm, entryPointS3Uri: uris[1 + inputs.length]! }
        : algorithm,
  };
}

/** SageMaker reads code from `sagemaker_submit_directory`: only the gated entry point may set it. */
function refuseReservedHyperParameters(definition: TrainingDefinition, fieldPrefix: string): void {
  const reserved = Object.keys(definition.hyperParameters).find((name) =>
    name.toLowerCase().startsWith('sagemaker_'),
  );
  if (reserved)
    throw new ValidationError(
      `${fieldPrefix}hyperParameters.${reserved}`,
      'names starting with sagemaker_ are set by MLSpace from the entry point',
    );
}

/**
 * The form's training definition as the port's request. The algorithm is named the local way
 * (a built-in's name, or `sklearn` for script mode) and the AWS backend maps it to an image URI;
 * the user's own image is passed as its URI.
 */
export function toTrainingRequest(
  definition: TrainingDefinition,
  name: string,
  owner: ProjectContext,
  field = 'algorithm',
): CreateTrainingJobRequest {
  const { algorithm } = definition;
  let image: string;
  let entryPoint: string | undefined;
  let metricDefinitions = definition.metricDefinitions;
  if (algorithm.kind === 'builtin') {
    const builtin = findBuiltinAlgorithm(algorithm.name);
    if (!builtin)
      throw new ValidationError(`${field}.name`, `${algorithm.name} is not a built-in algorithm`);
    image = builtin.name;
    hyperParametersWithDefaults(definition, builtin.defaultHyperParameters);
    if (metricDefinitions.length === 0) metricDefinitions = builtin.metricDefinitions;
  } else if (algorithm.kind === 'image') {
    image = algorithm.imageUri;
  } else {
    image = scriptModeImage.localName;
    entryPoint = algorithm.entryPointS3Uri;
  }
  return {
    name,
    owner,
    algorithm: { image, entryPoint, metricDefinitions },
    hyperParameters: definition.hyperParameters,
    inputs: definition.inputs,
    outputS3Uri: definition.outputS3Uri,
    resources: {
      instanceType: definition.instanceType,
      instanceCount: definition.instanceCount,
      volumeSizeGb: definition.volumeSizeGb,
    },
    stopping: { maxRuntimeSeconds: definition.maxRuntimeSeconds },
  };
}

function hyperParametersWithDefaults(
  definition: TrainingDefinition,
  defaults: Record<string, string>,
): void {
  definition.hyperParameters = { ...defaults, ...definition.hyperParameters };
}

export type { TrainingDefinitionInput };
