import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { Construct } from 'constructs';
import type { Naming } from '../naming';
import { policyDocument, servicePrincipal, type Statement } from './policy';

export interface EncryptionProps {
  naming: Naming;
}

/** The customer managed key for buckets, the table, log groups and SageMaker volumes, or an existing one. */
export class Encryption extends Construct {
  readonly keyArn: string;

  constructor(scope: Construct, id: string, { naming }: EncryptionProps) {
    super(scope, id);
    const config = naming.config;
    if (config.kms.existingKeyArn !== '') {
      this.keyArn = config.kms.existingKeyArn;
      return;
    }

    const account = config.awsAccount;
    const statements: Statement[] = [
      {
        // Without the account root statement IAM policies cannot grant use of the key at all.
        sid: 'AccountRoot',
        actions: ['kms:*'],
        resources: ['*'],
        principals: [{ type: 'AWS', identifiers: [naming.iamArn('root')] }],
      },
      {
        sid: 'CloudWatchLogs',
        actions: [
          'kms:Encrypt*',
          'kms:Decrypt*',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Describe*',
        ],
        resources: ['*'],
        principals: servicePrincipal(`logs.${config.awsRegion}.${naming.dnsSuffix}`),
        conditions: [
          {
            test: 'ArnLike',
            variable: 'kms:EncryptionContext:aws:logs:arn',
            values: [naming.arn('logs', 'log-group:*')],
          },
        ],
      },
      {
        sid: 'CloudTrail',
        actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        principals: servicePrincipal('cloudtrail.amazonaws.com'),
        conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }],
      },
      {
        // CloudFront reads the KMS-encrypted portal assets through origin access control.
        sid: 'CloudFront',
        actions: ['kms:Decrypt'],
        resources: ['*'],
        principals: servicePrincipal('cloudfront.amazonaws.com'),
        conditions: [
          {
            test: 'ArnLike',
            variable: 'aws:SourceArn',
            values: [`arn:${naming.partition}:cloudfront::${account}:distribution/*`],
          },
        ],
      },
    ];
    if (config.kms.keyManagerRoleName !== '') {
      statements.push({
        sid: 'KeyManagers',
        actions: [
          'kms:Create*',
          'kms:Describe*',
          'kms:Enable*',
          'kms:List*',
          'kms:Put*',
          'kms:Update*',
          'kms:Revoke*',
          'kms:Disable*',
          'kms:Get*',
          'kms:Delete*',
          'kms:TagResource',
          'kms:UntagResource',
          'kms:ScheduleKeyDeletion',
          'kms:CancelKeyDeletion',
        ],
        resources: ['*'],
        principals: [
          { type: 'AWS', identifiers: [naming.iamArn(`role/${config.kms.keyManagerRoleName}`)] },
        ],
      });
    }
    const policy = policyDocument(this, 'key-policy', statements);

    const key = new KmsKey(this, 'key', {
      description: `MLSpace ${config.environment} data key`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policy.json,
    });
    new KmsAlias(this, 'alias', { name: `alias/${naming.base}`, targetKeyId: key.keyId });
    this.keyArn = key.arn;
  }
}
