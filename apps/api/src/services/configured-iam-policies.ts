import type { AppConfig } from '@mlspace/core';

import type { ApiSettings } from '../settings';

/** What of a saved configuration IAM carries for project-user roles. */
export type ConfiguredLimits = Pick<AppConfig, 'instanceTypes' | 'allowedImageRepositories'> & {
  /** The Bedrock models they may invoke: none while Bedrock is deactivated. */
  allowedFoundationModels: readonly string[];
};
export type ApplyConfiguredLimits = (limits: ConfiguredLimits) => Promise<void>;

/**
 * Writes the configuration's allowed instance types, image repositories and foundation models into the project-user
 * roles' IAM policies (ADR 013) when the deployment runs SageMaker with per-user roles; otherwise
 * nothing in IAM follows the configuration. The AWS package is loaded on first use, off the cold
 * start.
 */
export function configuredPoliciesInIam(settings: ApiSettings): ApplyConfiguredLimits | undefined {
  const roles = settings.compute.userScopedRoles;
  if (settings.mode !== 'aws' || !roles) return undefined;
  const loadWriter = async () =>
    (await import('./configured-iam-policies-writer')).configuredPoliciesWriter(
      settings.dynamoDb.region,
      roles,
    );
  let write: Awaited<ReturnType<typeof loadWriter>> | undefined;
  return async (limits) => {
    write ??= await loadWriter();
    await write({
      ...limits,
      allowedFoundationModels: {
        region: settings.dynamoDb.region,
        modelIds: limits.allowedFoundationModels,
      },
    });
  };
}
