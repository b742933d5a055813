import * as z from 'zod';

/**
 * Container images users bring for training and models. An administrator allows ECR repositories
 * (`allowedImageRepositories`): an exact repository, or every repository under a namespace with a
 * trailing `/*`. SageMaker pulls only from ECR, so other registries are never allowed.
 */
const registryPattern = String.raw`\d{12}\.dkr\.ecr\.[a-z]{2}(?:-[a-z]+)+-\d\.amazonaws\.com`;
const repositoryNamePattern = String.raw`[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*`;

const allowedRepositoryPattern = new RegExp(
  `^${registryPattern}\\/${repositoryNamePattern}(?:\\/\\*)?$`,
);
const imageUriPattern = new RegExp(
  `^(${registryPattern}\\/${repositoryNamePattern})(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})?$`,
);

export const allowedImageRepositorySchema = z
  .string()
  .trim()
  .regex(
    allowedRepositoryPattern,
    'must be an ECR repository like 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/trainer, or a namespace ending in /*',
  );

export const imageUriSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(255, 'must be at most 255 characters')
  .regex(
    imageUriPattern,
    'must be an ECR image URI like 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/trainer:1.0',
  );

/** Whether the text is shaped like an ECR image URI (the model form takes a built-in's name too). */
export function isImageUri(text: string): boolean {
  return imageUriPattern.test(text.trim());
}

/** `<registry>/<repository>` of an image URI, without its tag or digest; null when not ECR. */
export function imageRepository(imageUri: string): string | null {
  return imageUriPattern.exec(imageUri.trim())?.[1] ?? null;
}

/** Whether an administrator's list allows the image's repository. */
export function isImageAllowed(imageUri: string, allowed: readonly string[]): boolean {
  const repository = imageRepository(imageUri);
  if (!repository) return false;
  return allowed.some((entry) =>
    entry.endsWith('/*') ? repository.startsWith(entry.slice(0, -1)) : repository === entry,
  );
}
