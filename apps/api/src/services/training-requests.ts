import {
  ValidationError,
  findBuiltinAlgorithm,
  type Principal,
  scriptModeImage,
  type CreateTrainingJobRequest,
  type ProjectContext,
  type TrainingDefinitionInput,
  type trainingDefinitionSchema,
} from '@mlspace/core';
import type { z } from 'zod';

import { assertStorageLocations, type StorageGateContext } from './storage-gate';

type TrainingDefinition = z.infer<typeof trainingDefinitionSchema>;

/**
 * The definition with every location passed through the data-plane gate: channels are read, the
 * entry point is read, the output is written. `fieldPrefix` is where the definition sits in the
 * input (`training.` for tuning), so errors name the field the form shows.
 */
export async function gatedTrainingDefinition(
  ctx: StorageGateContext,
  user: Principal,
  project: string,
  definition: TrainingDefinition,
  fieldPrefix = '',
): Promise<TrainingDefinition> {
  refuseReservedHyperParameters(definition, fieldPrefix);
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
 * (a built-in's name, or `sklearn` for script mode); the AWS backend maps it to an image URI.
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
