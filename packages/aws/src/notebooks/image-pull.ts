/**
 * What project-user roles may pull from ECR: the images of the repositories an administrator
 * allows (`allowedImageRepositories` of the dynamic configuration), so a training job or model
 * running as the role can start from a user's own container image, and no other repository's.
 *
 * One deployment-wide managed policy (`<prefix>-image-pull`, under the project-user prefix the app
 * may write, ADR 008), attached to every project-user role, rewritten when an administrator saves
 * the configuration and brought to the current configuration each time a role is used, as the
 * instance-type constraints are (instance-type-constraints.ts).
 */
import type { IAMClient } from '@aws-sdk/client-iam';

import { allowedImageRepositorySchema } from '@mlspace/core';

import { ensurePolicy } from './managed-policy';

/** Reading an image's manifest and layers; the actions ECR checks against the repository. */
export const imagePullActions = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
] as const;

export function imagePullPolicyName(prefix: string): string {
  return `${prefix}-image-pull`;
}

function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/**
 * The repository ARN of an allowed entry: `<account>.dkr.ecr.<region>.amazonaws.com/<name>` names
 * `arn:<partition>:ecr:<region>:<account>:repository/<name>`; a namespace entry (`…/team/*`)
 * every repository under it (`repository/team/*`).
 */
export function imageRepositoryArn(entry: string): string {
  const parsed = allowedImageRepositorySchema.safeParse(entry);
  const match = parsed.success
    ? /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/(.+)$/.exec(parsed.data)
    : null;
  if (!match) throw new Error(`${JSON.stringify(entry)} is not an allowed ECR repository entry`);
  const [, account, region, name] = match as unknown as [string, string, string, string];
  return `arn:${partitionOf(region)}:ecr:${region}:${account}:repository/${name}`;
}

/**
 * Pulls from exactly the allowed repositories, plus `ecr:GetAuthorizationToken` (which names no
 * repository and grants none). With no repository allowed the document grants only the token.
 */
export function imagePullDocument(allowed: readonly string[]) {
  const repositories = [...new Set(allowed.map(imageRepositoryArn))].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'RegistryToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      ...(repositories.length > 0
        ? [
            {
              Sid: 'PullAllowedRepositories',
              Effect: 'Allow',
              Action: [...imagePullActions],
              Resource: repositories,
            },
          ]
        : []),
    ],
  };
}

/** Brings the image-pull policy to `allowed`; returns its ARN. */
export function ensureImagePull(
  iam: IAMClient,
  names: { prefix: string; accountId: string },
  allowed: readonly string[],
): Promise<string> {
  return ensurePolicy(
    iam,
    imagePullPolicyName(names.prefix),
    imagePullDocument(allowed),
    names.accountId,
    'allow fewer image repositories, or namespaces (…/team/*) instead of single ones',
  );
}
