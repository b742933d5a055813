import type { AppConfig } from '@mlspace/core';

import type { ApiSettings } from '../settings';

export type ApplyInstanceTypes = (allowed: AppConfig['instanceTypes']) => Promise<void>;

/**
 * Writes the configuration's allowed instance types into the project-user roles' IAM constraint
 * policies (ADR 013) when the deployment runs SageMaker with per-user roles; otherwise nothing in
 * IAM follows the configuration. The AWS package is loaded on first use, off the cold start.
 */
export function instanceTypeConstraintsInIam(
  settings: ApiSettings,
): ApplyInstanceTypes | undefined {
  const roles = settings.compute.userScopedRoles;
  if (settings.mode !== 'aws' || !roles) return undefined;
  let write: ((allowed: AppConfig['instanceTypes']) => Promise<unknown>) | undefined;
  return async (allowed) => {
    write ??= (await import('@mlspace/aws')).instanceTypeConstraintsWriter(
      settings.dynamoDb.region,
      roles,
    );
    await write(allowed);
  };
}
