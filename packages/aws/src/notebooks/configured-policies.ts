/**
 * The project-user policies generated from the dynamic configuration: the instance-type
 * constraints (instance-type-constraints.ts), the image-pull grant (image-pull.ts) and the
 * foundation models (../bedrock/allowed-models-policy.ts). Written
 * when an administrator saves a version, and brought current at each use of a role.
 */
import { IAMClient } from '@aws-sdk/client-iam';

import {
  ensureFoundationModelAccess,
  type AllowedFoundationModels,
} from '../bedrock/allowed-models-policy';
import { controlPlaneCallLimits } from '../client-limits';
import { ensureImagePull } from './image-pull';
import {
  ensureInstanceTypeConstraints,
  type AllowedInstanceTypesByKind,
} from './instance-type-constraints';

/** What of the configuration IAM carries for project-user roles. */
export interface ConfiguredLimits {
  instanceTypes: AllowedInstanceTypesByKind;
  allowedImageRepositories: readonly string[];
  allowedFoundationModels: AllowedFoundationModels;
}

/** Brings every configured policy to `limits`; returns their ARNs. */
export async function ensureConfiguredPolicies(
  iam: IAMClient,
  names: { prefix: string; accountId: string },
  limits: ConfiguredLimits,
): Promise<string[]> {
  return [
    ...(await ensureInstanceTypeConstraints(iam, names, limits.instanceTypes)),
    await ensureImagePull(iam, names, limits.allowedImageRepositories),
    await ensureFoundationModelAccess(iam, names, limits.allowedFoundationModels),
  ];
}

/** For the configuration's writer: one IAM client for the region, made on first use. */
export function configuredPoliciesWriter(
  region: string,
  names: { prefix: string; accountId: string },
): (limits: ConfiguredLimits) => Promise<string[]> {
  let iam: IAMClient | undefined;
  return (limits) => {
    iam ??= new IAMClient({ region, ...controlPlaneCallLimits });
    return ensureConfiguredPolicies(iam, names, limits);
  };
}
