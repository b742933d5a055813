import {
  ValidationError,
  algorithmRunsOn,
  findBuiltinAlgorithm,
  isImageUri,
  scriptModeImage,
  type AlgorithmSpec,
} from '@mlspace/core';

import { algorithmImageRows, imageRegions, registryTables } from './algorithm-images.generated';

const regionIndex = new Map(imageRegions.map((region, index) => [region, index]));

/**
 * `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>` for one of SageMaker's own images,
 * from the SageMaker Python SDK's registries (see algorithm-images.generated.ts); undefined for a
 * region or image the SDK knows nothing of.
 */
export function sagemakerImageUri(
  repository: string,
  tag: string,
  region: string,
): string | undefined {
  const index = regionIndex.get(region);
  const row = algorithmImageRows.find(
    ([name, imageTag]) => name === repository && imageTag === tag,
  );
  if (index === undefined || !row) return undefined;
  const account = registryTables[row[2]]?.[index];
  return account ? `${account}.dkr.ecr.${region}.amazonaws.com/${repository}:${tag}` : undefined;
}

function requireImageUri(repository: string, tag: string, region: string, field: string): string {
  const uri = sagemakerImageUri(repository, tag, region);
  if (!uri)
    throw new ValidationError(field, `SageMaker publishes no ${repository} image in ${region}`);
  return uri;
}

/**
 * The port names algorithms the local way (a built-in's name, or `sklearn` for script mode), or
 * gives the user's own image URI; on AWS the names become SageMaker image URIs. Script mode passes
 * the entry point as SageMaker's framework images expect it (`sagemaker_program`,
 * `sagemaker_submit_directory`, JSON-encoded).
 */
export function trainingImage(
  algorithm: AlgorithmSpec,
  region: string,
): { image: string; hyperParameters: Record<string, string>; sagemakerBuiltin: boolean } {
  const builtin = findBuiltinAlgorithm(algorithm.image);
  let image: string;
  if (builtin) {
    if (!algorithmRunsOn(builtin, 'aws'))
      // MLSpace's own scikit-learn scripts ship with the local backend, not as a SageMaker image.
      throw new ValidationError(
        'algorithm',
        `${builtin.label} runs on the local backend only; on AWS pick a SageMaker algorithm or your own script`,
      );
    image = requireImageUri(builtin.sagemakerRepository, builtin.sagemakerTag, region, 'algorithm');
  } else if (algorithm.image === scriptModeImage.localName) {
    image = requireImageUri(scriptModeImage.repository, scriptModeImage.tag, region, 'algorithm');
  } else if (isImageUri(algorithm.image)) {
    image = algorithm.image;
  } else {
    throw new ValidationError(
      'algorithm',
      `${algorithm.image} is neither a built-in algorithm nor an image URI`,
    );
  }
  // SageMaker's own algorithms publish their metrics and refuse metric definitions (the reference
  // removed them and answered DeletedMetricsDefinitions).
  const sagemakerBuiltin = Boolean(builtin);
  if (!algorithm.entryPoint) return { image, hyperParameters: {}, sagemakerBuiltin };
  const program = algorithm.entryPoint.split('/').pop() ?? 'train.py';
  return {
    image,
    sagemakerBuiltin,
    hyperParameters: {
      sagemaker_program: JSON.stringify(program),
      sagemaker_submit_directory: JSON.stringify(algorithm.entryPoint),
    },
  };
}

/**
 * Serving images: `sklearn` (the local default) maps to SageMaker's scikit-learn image, a built-in
 * algorithm's name to its image (SageMaker's algorithm images serve their own models), and a
 * user's image URI is used as given.
 */
export function servingImage(image: string, region: string): string {
  const builtin = findBuiltinAlgorithm(image);
  if (builtin && algorithmRunsOn(builtin, 'aws'))
    return requireImageUri(builtin.sagemakerRepository, builtin.sagemakerTag, region, 'image');
  if (image === scriptModeImage.localName || builtin)
    return requireImageUri(scriptModeImage.repository, scriptModeImage.tag, region, 'image');
  return image;
}
