/**
 * The session secret for the Lambda entries: given directly (MLSPACE_SESSION_SECRET), or read
 * once at cold start from Secrets Manager (MLSPACE_SESSION_SECRET_ARN), as infra-tf deploys it.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import type { Env } from './env';

const minimumLength = 32;

export async function resolveSessionSecret(
  env: Pick<Env, 'MLSPACE_SESSION_SECRET' | 'MLSPACE_SESSION_SECRET_ARN' | 'AWS_REGION'>,
  client: SecretsManagerClient = new SecretsManagerClient({ region: env.AWS_REGION }),
): Promise<string> {
  if (env.MLSPACE_SESSION_SECRET) return env.MLSPACE_SESSION_SECRET;
  const arn = env.MLSPACE_SESSION_SECRET_ARN;
  if (!arn) throw new Error('MLSPACE_SESSION_SECRET or MLSPACE_SESSION_SECRET_ARN must be set for the Lambda functions');
  const { SecretString: secret } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!secret || secret.length < minimumLength) {
    throw new Error(`MLSPACE_SESSION_SECRET_ARN: the secret ${arn} must hold a string of at least ${minimumLength} characters`);
  }
  return secret;
}
