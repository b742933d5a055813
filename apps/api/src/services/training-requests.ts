import {
  ValidationError,
  findBuiltinAlgorithm,
  scriptModeImage,
  type CreateTrainingJobRequest,
  type ProjectContext,
  type TrainingDefinitionInput,
  type trainingDefinitionSchema,
} from '@mlspace/core';
import type { z } from 'zod';

type TrainingDefinition = z.infer<typeof trainingDefinitionSchema>;

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
