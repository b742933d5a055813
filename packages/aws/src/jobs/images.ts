import {
  ValidationError,
  findBuiltinAlgorithm,
  sagemakerImageUri,
  scriptModeImage,
  type AlgorithmSpec,
} from '@mlspace/core';

/**
 * The port names algorithms the local way (a built-in's name, or `sklearn` for script mode); on
 * AWS they become SageMaker image URIs. Script mode passes the entry point as SageMaker's framework
 * images expect it (`sagemaker_program`, `sagemaker_submit_directory`, JSON-encoded).
 */
export function trainingImage(
  algorithm: AlgorithmSpec,
  region: string,
): { image: string; hyperParameters: Record<string, string>; sagemakerBuiltin: boolean } {
  const builtin = findBuiltinAlgorithm(algorithm.image);
  if (
    builtin &&
    builtin.sagemakerRepository === scriptModeImage.repository &&
    !algorithm.entryPoint
  ) {
    // MLSpace's own scikit-learn scripts ship with the local backend, not as a SageMaker image.
    throw new ValidationError(
      'algorithm',
      `${builtin.label} runs on the local backend only; on AWS pick XGBoost or the linear learner, or your own script`,
    );
  }
  const repository =
    builtin?.sagemakerRepository ??
    (algorithm.image === scriptModeImage.localName ? scriptModeImage.repository : undefined);
  const tag = builtin?.sagemakerTag ?? scriptModeImage.tag;
  let image = algorithm.image;
  if (repository) {
    const uri = sagemakerImageUri(repository, tag, region);
    if (!uri)
      throw new ValidationError(
        'algorithm',
        `no SageMaker image is known for ${algorithm.image} in ${region}; give an image URI`,
      );
    image = uri;
  }
  // SageMaker's own algorithms publish their metrics and refuse metric definitions (the reference
  // removed them and answered DeletedMetricsDefinitions).
  const sagemakerBuiltin = Boolean(
    builtin && builtin.sagemakerRepository !== scriptModeImage.repository,
  );
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

/** Serving images: `sklearn` (the local default) maps to SageMaker's scikit-learn image. */
export function servingImage(image: string, region: string): string {
  if (image !== scriptModeImage.localName && !findBuiltinAlgorithm(image)) return image;
  const builtin = findBuiltinAlgorithm(image);
  const uri = sagemakerImageUri(
    builtin?.sagemakerRepository ?? scriptModeImage.repository,
    builtin?.sagemakerTag ?? scriptModeImage.tag,
    region,
  );
  if (!uri)
    throw new ValidationError(
      'container.image',
      `no SageMaker image is known for ${image} in ${region}; give an image URI`,
    );
  return uri;
}
