import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration/index.js';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { Construct } from 'constructs';
import type { Naming } from '../naming';
import { policyDocument, servicePrincipal, type Statement } from './policy';

export interface SecureBucketProps {
  bucketName: string;
  /** null means SSE-S3, only for the access-log bucket (S3 server access logging cannot write to SSE-KMS). */
  kmsKeyArn: string | null;
  accessLogs?: { bucket: string; prefix: string };
  /** Statements added to the TLS-only policy; receives the bucket ARN. */
  policyStatements?: (bucketArn: string) => Statement[];
  /** The owner calls attachPolicy later, when the statements depend on resources created after the bucket. */
  deferPolicy?: boolean;
}

/** A bucket that is private, encrypted, versioned, owner-enforced and TLS-only. */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  policy: S3BucketPolicy | undefined;
  private readonly props: SecureBucketProps;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.props = props;
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: false });
    const bucketId = this.bucket.id;

    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: bucketId,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucketId,
      rule: [
        props.kmsKeyArn === null
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
          : {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: 'aws:kms',
                kmsMasterKeyId: props.kmsKeyArn,
              },
              bucketKeyEnabled: true,
            },
      ],
    });
    new S3BucketVersioningA(this, 'versioning', {
      bucket: bucketId,
      versioningConfiguration: { status: 'Enabled' },
    });
    if (props.accessLogs) {
      new S3BucketLoggingA(this, 'logging', {
        bucket: bucketId,
        targetBucket: props.accessLogs.bucket,
        targetPrefix: props.accessLogs.prefix,
      });
    }

    if (!props.deferPolicy) this.attachPolicy([]);
  }

  attachPolicy(extra: Statement[]): void {
    if (this.policy) throw new Error(`${this.node.path}: the bucket policy is already attached`);
    const document = policyDocument(this, 'policy-document', [
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        actions: ['s3:*'],
        resources: [this.bucket.arn, `${this.bucket.arn}/*`],
        principals: [{ type: '*', identifiers: ['*'] }],
        conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
      ...(this.props.policyStatements?.(this.bucket.arn) ?? []),
      ...extra,
    ]);
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: document.json,
    });
  }

  get arn(): string {
    return this.bucket.arn;
  }

  get name(): string {
    return this.bucket.bucket;
  }
}

export interface StorageProps {
  naming: Naming;
  kmsKeyArn: string;
}

/** The five MLSpace buckets. */
export class Storage extends Construct {
  readonly data: SecureBucket;
  readonly config: SecureBucket;
  readonly logs: SecureBucket;
  readonly accessLogs: SecureBucket | undefined;
  readonly portalAssets: SecureBucket;

  constructor(scope: Construct, id: string, { naming, kmsKeyArn }: StorageProps) {
    super(scope, id);
    const config = naming.config;
    const account = config.awsAccount;

    this.accessLogs = config.enableAccessLogging
      ? new SecureBucket(this, 'access-logs', {
          bucketName: naming.bucket('access-logs'),
          kmsKeyArn: null,
          policyStatements: (arn) => [
            {
              sid: 'S3ServerAccessLogs',
              actions: ['s3:PutObject'],
              resources: [`${arn}/*`],
              principals: servicePrincipal('logging.s3.amazonaws.com'),
              conditions: [
                { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
              ],
            },
          ],
        })
      : undefined;
    const logsTo = (prefix: string) =>
      this.accessLogs ? { bucket: this.accessLogs.bucket.id, prefix: `${prefix}/` } : undefined;

    this.data = new SecureBucket(this, 'data', {
      bucketName: naming.bucket('data'),
      kmsKeyArn,
      accessLogs: logsTo('data'),
    });
    this.config = new SecureBucket(this, 'config', {
      bucketName: naming.bucket('config'),
      kmsKeyArn,
      accessLogs: logsTo('config'),
    });
    const trailPrefix = 'cloudtrail';
    this.logs = new SecureBucket(this, 'logs', {
      bucketName: naming.bucket('logs'),
      kmsKeyArn,
      accessLogs: logsTo('logs'),
      policyStatements: (arn) =>
        config.createCloudTrail
          ? [
              {
                sid: 'CloudTrailAclCheck',
                actions: ['s3:GetBucketAcl'],
                resources: [arn],
                principals: servicePrincipal('cloudtrail.amazonaws.com'),
                conditions: [
                  { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
                ],
              },
              {
                sid: 'CloudTrailWrite',
                actions: ['s3:PutObject'],
                resources: [`${arn}/${trailPrefix}/AWSLogs/${account}/*`],
                principals: servicePrincipal('cloudtrail.amazonaws.com'),
                conditions: [
                  { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
                ],
              },
            ]
          : [],
    });
    this.portalAssets = new SecureBucket(this, 'portal-assets', {
      bucketName: naming.bucket('portal-assets'),
      kmsKeyArn,
      accessLogs: logsTo('portal-assets'),
      deferPolicy: true,
    });
  }

  /** Browsers upload dataset files straight to S3 with presigned requests from the portal's origin. */
  allowUploadsFrom(origin: string): void {
    new S3BucketCorsConfiguration(this, 'data-cors', {
      bucket: this.data.bucket.id,
      corsRule: [
        {
          allowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
          allowedOrigins: [origin],
          allowedHeaders: ['*'],
          exposeHeaders: ['ETag'],
          maxAgeSeconds: 3000,
        },
      ],
    });
  }

  /** Only the portal's distribution may read the assets bucket; its ARN exists once the web tier is built. */
  trustDistribution(distributionArn: string): void {
    this.portalAssets.attachPolicy([
      {
        sid: 'CloudFrontReadAssets',
        actions: ['s3:GetObject'],
        resources: [`${this.portalAssets.arn}/assets/*`],
        principals: servicePrincipal('cloudfront.amazonaws.com'),
        conditions: [
          { test: 'StringEquals', variable: 'AWS:SourceArn', values: [distributionArn] },
        ],
      },
    ]);
  }

  get all(): SecureBucket[] {
    return [
      this.data,
      this.config,
      this.logs,
      this.portalAssets,
      ...(this.accessLogs ? [this.accessLogs] : []),
    ];
  }
}
