import type { HttpHandler } from 'msw';

import { awsJsonError, awsJsonService, type AwsJsonOperation } from './aws-json';

export const secretsManagerUrl = 'https://secretsmanager.:region.amazonaws.com/';

/**
 * Secrets Manager GetSecretValue over `secrets` (id or ARN → secret string); another id is
 * ResourceNotFoundException, as the service answers it. `calls` records requests.
 */
export function fakeSecretsManager(
  secrets: Record<string, string>,
  calls: { operation: string; body: Record<string, unknown> }[] = [],
) {
  const operations: Record<string, AwsJsonOperation> = {
    GetSecretValue: ({ SecretId: id }) => {
      const secret = secrets[String(id)];
      if (secret === undefined)
        return awsJsonError(
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret.",
        );
      const name = String(id).split(':').pop() ?? String(id);
      return {
        ARN: String(id).startsWith('arn:')
          ? String(id)
          : `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`,
        Name: name,
        VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
        SecretString: secret,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1_764_500_000,
      };
    },
  };
  return Object.assign((): HttpHandler => awsJsonService(secretsManagerUrl, operations, calls), {
    operations,
  });
}
