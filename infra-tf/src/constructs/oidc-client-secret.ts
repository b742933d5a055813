import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import { Construct } from 'constructs';
import type { Naming } from '../naming';

export interface OidcClientSecretProps {
  naming: Naming;
  kmsKeyArn: string;
}

/**
 * The secret the API presents to the IdP. Terraform creates only the empty secret: the IdP issues
 * the value, and the operator puts it after deploy so it never passes through config or state.
 */
export class OidcClientSecret extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, { naming, kmsKeyArn }: OidcClientSecretProps) {
    super(scope, id);
    const secret = new SecretsmanagerSecret(this, 'secret', {
      name: `${naming.base}/oidc-client-secret`,
      description:
        'The OIDC client secret the MLSpace API presents to the IdP (value set by the operator)',
      kmsKeyId: kmsKeyArn,
    });
    this.arn = secret.arn;
  }
}
