/**
 * What project-user roles may invoke in Bedrock: exactly the foundation models an administrator
 * allows (`bedrock.allowedModels` of the dynamic configuration, none while Bedrock is deactivated),
 * as the reference's v1.6.5 made possible from notebooks.
 *
 * One deployment-wide managed policy (`<prefix>-foundation-models`, under the project-user prefix
 * the app may write, ADR 008), attached to every project-user role, rewritten when an administrator
 * saves the configuration and brought to the current configuration each time a role is used, as the
 * image-pull grant is (../notebooks/image-pull.ts). The boundary caps it at the region's foundation
 * models. Converse and ConverseStream have no IAM actions of their own: Bedrock authorizes them as
 * InvokeModel and InvokeModelWithResponseStream on the model's ARN.
 */
import type { IAMClient } from '@aws-sdk/client-iam';

import { ensurePolicy } from '../notebooks/managed-policy';

export const bedrockInvokeActions = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
] as const;

export function foundationModelsPolicyName(prefix: string): string {
  return `${prefix}-foundation-models`;
}

export function partitionOfRegion(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:${partitionOfRegion(region)}:bedrock:${region}::foundation-model/${modelId}`;
}

export interface AllowedFoundationModels {
  region: string;
  /** Empty (none chosen, or Bedrock deactivated): nothing is invoked. */
  modelIds: readonly string[];
}

/**
 * Invokes exactly the allowed models. IAM refuses a policy without statements, so with none allowed
 * the document denies every invocation instead (which also outranks any other grant).
 */
export function foundationModelsDocument(allowed: AllowedFoundationModels) {
  const models = [...new Set(allowed.modelIds)].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      models.length > 0
        ? {
            Sid: 'InvokeAllowedFoundationModels',
            Effect: 'Allow',
            Action: [...bedrockInvokeActions],
            Resource: models.map((id) => foundationModelArn(allowed.region, id)),
          }
        : {
            Sid: 'NoFoundationModels',
            Effect: 'Deny',
            Action: [...bedrockInvokeActions],
            Resource: '*',
          },
    ],
  };
}

/** Brings the foundation-models policy to `allowed`; returns its ARN. */
export function ensureFoundationModelAccess(
  iam: IAMClient,
  names: { prefix: string; accountId: string },
  allowed: AllowedFoundationModels,
): Promise<string> {
  return ensurePolicy(
    iam,
    foundationModelsPolicyName(names.prefix),
    foundationModelsDocument(allowed),
    names.accountId,
    'allow fewer foundation models',
  );
}
