import type { AppConfig } from '@mlspace/core';

import type { ApiSettings } from '../settings';

/** What of a saved configuration IAM carries for project-user roles. */
export type ConfiguredLimits = Pick<AppConfig, 'instanceTypes' | 'allowedImageRepositories'>;
export type ApplyConfiguredLimits = (limits: ConfiguredLimits) => Promise<void>;

/**
 * Writes the configuration's allowed instance types and image repositories into the project-user
 * roles' IAM policies (ADR 013) when the deployment runs SageMaker with per-user roles; otherwise
 * nothing in IAM follows the configuration. The AWS package is loaded on first use, off the cold
 * start.
 */
export function configuredPoliciesInIam(settings: ApiSettings): ApplyConfiguredLimits | undefined {
  const roles = settings.compute.userScopedRoles;
  if (settings.mode !== 'aws' || !roles) return undefined;
  let write: ((limits: ConfiguredLimits) => Promise<unknown>) | undefined;
  return async (limits) => {
    write ??= (await import('@mlspace/aws')).configuredPoliciesWriter(
      settings.dynamoDb.region,
      roles,
    );
    await write(limits);
  };
}
