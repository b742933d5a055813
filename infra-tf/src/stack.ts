import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { resolveBundles, type ResolvedBundles } from './bundles';
import type { MlspaceConfig } from './config';
import { Audit } from './constructs/audit';
import { Compute } from './constructs/compute';
import { Emr } from './constructs/emr';
import { Database } from './constructs/database';
import { Encryption } from './constructs/encryption';
import { Scheduling } from './constructs/events';
import { Identity } from './constructs/iam';
import { Network } from './constructs/network';
import { OidcClientSecret } from './constructs/oidc-client-secret';
import { Storage } from './constructs/storage';
import { Web } from './constructs/web';
import { Naming } from './naming';

export interface EnvironmentOptions {
  config: MlspaceConfig;
  /** Folder the bundle paths in the config are relative to (infra-tf/). */
  baseDir: string;
  /** Pre-resolved bundles; tests pass fixtures so the snapshot does not depend on app builds. */
  bundles?: ResolvedBundles;
}

export const stackId = (config: MlspaceConfig) =>
  `mlspace-${config.environment}${config.nameSuffix === '' ? '' : `-${config.nameSuffix}`}`;

/** One environment's whole footprint in one stack: one state, one `cdk.tf.json` to apply. */
export class MlspaceStack extends TerraformStack {
  readonly network: Network;
  readonly storage: Storage;
  readonly database: Database;
  readonly identity: Identity;
  readonly compute: Compute;
  readonly web: Web;

  constructor(scope: Construct, id: string, options: EnvironmentOptions) {
    super(scope, id);
    const { config } = options;
    const naming = new Naming(config);
    const bundles = options.bundles ?? resolveBundles(config, options.baseDir);

    new AwsProvider(this, 'aws', {
      region: config.awsRegion,
      allowedAccountIds: [config.awsAccount],
      defaultTags: [
        {
          tags: {
            system: config.systemTag,
            project: 'MLSpaceInfrastructure',
            user: 'MLSpaceApplication',
            environment: config.environment,
            ...config.tags,
          },
        },
      ],
    });
    this.configureBackend(config, id);

    const encryption = new Encryption(this, 'encryption', { naming });
    const kmsKeyArn = encryption.keyArn;
    this.network = new Network(this, 'network', { naming });
    this.storage = new Storage(this, 'storage', { naming, kmsKeyArn });
    this.database = new Database(this, 'database', { naming, kmsKeyArn });
    const oidcClientSecret = new OidcClientSecret(this, 'oidc-client-secret', {
      naming,
      kmsKeyArn,
    });
    const emr = new Emr(this, 'emr', {
      naming,
      kmsKeyArn,
      logsBucket: this.storage.logs,
      dataBucketArn: this.storage.data.arn,
    });
    this.identity = new Identity(this, 'identity', {
      naming,
      kmsKeyArn,
      emr,
      oidcClientSecretArn: oidcClientSecret.arn,
      tableArn: this.database.arn,
      dataBucketArn: this.storage.data.arn,
      configBucketArn: this.storage.config.arn,
    });
    this.web = new Web(this, 'web', {
      naming,
      kmsKeyArn,
      assetsBucket: this.storage.portalAssets,
      portalAssetsDir: bundles.portalAssetsDir,
    });
    this.storage.trustDistribution(this.web.distribution.arn);
    this.storage.allowUploadsFrom(this.web.portalUrl);
    this.compute = new Compute(this, 'compute', {
      naming,
      bundles,
      identity: this.identity,
      kmsKeyArn,
      tableName: this.database.name,
      dataBucket: this.storage.data.name,
      network: this.network,
      portalUrl: this.web.portalUrl,
      oidcClientSecretArn: oidcClientSecret.arn,
      emr,
    });
    this.web.connect(this.compute.api, this.compute.portal);
    this.web.streamFrom(this.compute.apiStream);
    new Scheduling(this, 'scheduling', {
      naming,
      sweep: this.compute.sweep,
      events: this.compute.events,
    });
    if (config.createCloudTrail)
      new Audit(this, 'audit', { naming, kmsKeyArn, logsBucket: this.storage.logs });

    const output = (name: string, value: string, description: string) =>
      new TerraformOutput(this, name, { value, description });
    output(
      'portal_url',
      this.web.portalUrl,
      'Open MLSpace here; register <portal_url>/api/auth/callback as the redirect URI at the IdP',
    );
    output('api_endpoint', this.web.httpApi.apiEndpoint, 'HTTP API endpoint behind CloudFront');
    output('table_name', this.database.name, 'DynamoDB table');
    output('data_bucket', this.storage.data.name, 'Datasets bucket');
    output('portal_assets_bucket', this.storage.portalAssets.name, 'Portal static assets bucket');
    output('kms_key_arn', kmsKeyArn, 'Key for data at rest');
    output('vpc_id', this.network.vpcId, 'VPC of the Lambdas and notebooks');
    output(
      'session_secret_arn',
      this.compute.sessionSecretArn,
      'Generate the session secret after the first deploy: see docs/operator-guide.md, "First deployment"',
    );
    output(
      'oidc_client_secret_arn',
      oidcClientSecret.arn,
      'Put the IdP client secret here after deploy: aws secretsmanager put-secret-value --secret-id <this> --secret-string <secret>',
    );
  }

  private configureBackend(config: MlspaceConfig, id: string): void {
    const state = config.stateBackend;
    if (state.type === 'local') {
      new LocalBackend(this, { path: state.path.replaceAll('{stack}', id) });
      return;
    }
    const backend = new S3Backend(this, {
      bucket: state.bucket,
      key: state.key,
      region: state.region === '' ? config.awsRegion : state.region,
      encrypt: true,
      dynamodbTable: state.dynamodbTable === '' ? undefined : state.dynamodbTable,
    });
    // cdktf 0.21 predates use_lockfile (Terraform/OpenTofu >= 1.10), so it is added as a raw override.
    if (state.useLockfile) backend.addOverride('use_lockfile', true);
  }
}
