import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import type { BundleName, ResolvedBundle, ResolvedBundles } from '../bundles';
import type { Naming } from '../naming';
import type { Identity } from './iam';

export interface ComputeProps {
  naming: Naming;
  bundles: ResolvedBundles;
  identity: Identity;
  kmsKeyArn: string;
  tableName: string;
  buckets: { data: string; config: string; logs: string };
  network: { privateSubnetIds: string[]; securityGroupId: string };
  portalUrl: string;
  /** Only the API signs users in, so only it is told where the IdP client secret is. */
  oidcClientSecretArn: string;
}

/** The handful of Lambda functions the whole product runs on: api, portal SSR, sweep and events. */
export class Compute extends Construct {
  readonly api: LambdaFunction;
  readonly portal: LambdaFunction;
  readonly sweep: LambdaFunction;
  readonly events: LambdaFunction;
  readonly sessionSecretArn: string;

  private readonly props: ComputeProps;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    super(scope, id);
    this.props = props;
    const { naming, identity } = props;
    const config = naming.config;

    const secret = new SecretsmanagerSecret(this, 'session-secret', {
      name: `${naming.base}/session-secret`,
      description: 'Seals MLSpace session cookies',
      kmsKeyId: props.kmsKeyArn,
    });
    const generated = new DataAwsSecretsmanagerRandomPassword(this, 'session-secret-value', {
      passwordLength: 64,
      excludePunctuation: true,
    });
    // The data source yields a new value on every plan; the first one is kept and rotation is manual.
    new SecretsmanagerSecretVersion(this, 'session-secret-version', {
      secretId: secret.id,
      secretString: generated.randomPassword,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });
    this.sessionSecretArn = secret.arn;

    // Names follow apps/api/src/env.ts where it already reads a setting; the MLSPACE_*_ARN ones are
    // the AWS-only settings the API's Lambda entry resolves at cold start.
    const common: Record<string, string> = {
      MLSPACE_ENVIRONMENT: config.environment,
      MLSPACE_APPLICATION_NAME: config.applicationName,
      MLSPACE_PUBLIC_URL: props.portalUrl,
      OIDC_ISSUER: config.oidcIssuerUrl,
      OIDC_CLIENT_ID: config.oidcClientId,
      MLSPACE_SESSION_SECRET_ARN: secret.arn,
      MLSPACE_SYSTEM_BANNER: JSON.stringify(config.systemBanner),
      NODE_OPTIONS: '--enable-source-maps',
    };
    const backend: Record<string, string> = {
      ...common,
      MLSPACE_BACKEND: 'aws',
      DYNAMODB_TABLE: props.tableName,
      DATA_BUCKET: props.buckets.data,
      MLSPACE_CONFIG_BUCKET: props.buckets.config,
      MLSPACE_LOGS_BUCKET: props.buckets.logs,
      MLSPACE_KMS_KEY_ARN: props.kmsKeyArn,
      MLSPACE_SYSTEM_TAG: config.systemTag,
      MLSPACE_NEW_USERS_SUSPENDED: String(config.newUsersSuspended),
      MLSPACE_MANAGE_IAM_ROLES: String(config.iam.manageIamRoles),
      MLSPACE_NOTEBOOK_ROLE_ARN: identity.notebookRoleArn,
      MLSPACE_PERMISSIONS_BOUNDARY_ARN: identity.permissionsBoundaryArn,
      MLSPACE_NOTEBOOK_POLICY_ARNS: identity.projectUserPolicyArn,
      // Project-user roles are named `<prefix>-<project>-…`, inside the app policy's `<prefix>-*` grant.
      MLSPACE_IAM_ROLE_PREFIX: naming.projectUserPrefix.replace(/-$/, ''),
      MLSPACE_AWS_ACCOUNT_ID: config.awsAccount,
      MLSPACE_ENDPOINT_INSTANCE_POLICY_ARN: identity.endpointInstanceConstraintArn,
      MLSPACE_JOB_INSTANCE_POLICY_ARN: identity.jobInstanceConstraintArn,
      MLSPACE_KMS_INSTANCE_POLICY_ARN: identity.kmsInstanceConditionsArn,
      MLSPACE_SUBNET_IDS: Fn.join(',', props.network.privateSubnetIds),
      MLSPACE_SECURITY_GROUP_IDS: props.network.securityGroupId,
    };

    const { functions } = props.bundles;
    const api = { ...backend, OIDC_CLIENT_SECRET_ARN: props.oidcClientSecretArn };
    this.api = this.fn(functions.api, 'api', identity.appRoleArn, api, {
      timeout: 29,
      inVpc: true,
    });
    this.portal = this.fn(
      functions.portalServer,
      'portal',
      identity.portalRoleArn,
      {
        ...common,
        MLSPACE_API_URL: `${props.portalUrl}/api`,
      },
      { timeout: 29, inVpc: false },
    );
    this.sweep = this.fn(functions.sweepJob, 'sweep', identity.systemRoleArn, backend, {
      timeout: 55,
      inVpc: true,
    });
    this.events = this.fn(functions.eventsJob, 'events', identity.systemRoleArn, backend, {
      timeout: 60,
      inVpc: true,
    });
  }

  private fn(
    bundle: ResolvedBundle,
    part: string,
    role: string,
    environment: Record<string, string>,
    opts: { timeout: number; inVpc: boolean },
  ): LambdaFunction {
    const { naming, kmsKeyArn, network } = this.props;
    const config = naming.config;
    const functionName = naming.name(part);
    const asset = new TerraformAsset(this, `${bundleIds[bundle.name]}-asset`, {
      path: bundle.dir,
      type: AssetType.ARCHIVE,
    });
    // Named explicitly so Terraform owns retention and encryption instead of Lambda creating it lazily.
    const logGroup = new CloudwatchLogGroup(this, `${part}-logs`, {
      name: `/aws/lambda/${functionName}`,
      retentionInDays: config.logRetentionDays,
      kmsKeyId: kmsKeyArn,
    });
    return new LambdaFunction(this, part, {
      functionName,
      description: bundle.placeholder
        ? `PLACEHOLDER: ${bundle.name} bundle was not built`
        : `MLSpace ${part}`,
      role,
      runtime: config.lambda.runtime,
      architectures: [config.lambda.architecture],
      handler: bundle.handler,
      filename: asset.path,
      sourceCodeHash: asset.assetHash,
      memorySize: config.lambda.memoryMb,
      timeout: opts.timeout,
      kmsKeyArn,
      environment: { variables: { ...environment, ...config.additionalLambdaEnvironment } },
      vpcConfig: opts.inVpc
        ? { subnetIds: network.privateSubnetIds, securityGroupIds: [network.securityGroupId] }
        : undefined,
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      dependsOn: [logGroup],
    });
  }
}

const bundleIds: Record<BundleName, string> = {
  api: 'api',
  portalServer: 'portal',
  sweepJob: 'sweep',
  eventsJob: 'events',
};
