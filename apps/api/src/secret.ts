/**
 * A secret for the Lambda entries: given directly (`<SETTING>`), or read once at cold start from
 * Secrets Manager (`<SETTING>_ARN`), as infra-tf deploys it.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export interface SecretSetting {
  /** The environment variable that gives the secret directly; `${name}_ARN` names its ARN. */
  name: string;
  value: string | undefined;
  arn: string | undefined;
  minimumLength: number;
}

export async function resolveSecret(
  setting: SecretSetting,
  client: SecretsManagerClient,
): Promise<string> {
  const { name, value, arn, minimumLength } = setting;
  if (value) return value;
  // On AWS there is no development default to fall back on: a missing secret must stop the cold start.
  if (!arn) throw new Error(`${name} or ${name}_ARN must be set for the Lambda functions`);
  let secret: string | undefined;
  try {
    ({ SecretString: secret } = await client.send(new GetSecretValueCommand({ SecretId: arn })));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${name}_ARN: could not read the secret ${arn} (has its value been put?): ${reason}`,
      { cause: error },
    );
  }
  if (!secret || secret.length < minimumLength) {
    throw new Error(
      `${name}_ARN: the secret ${arn} must hold a string of at least ${minimumLength} characters`,
    );
  }
  return secret;
}
