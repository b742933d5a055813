import { EmrSecurityConfiguration } from '@cdktf/provider-aws/lib/emr-security-configuration/index.js';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile/index.js';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { Construct } from 'constructs';

import type { Naming } from '../naming';
import { assumeRolePolicy, policyDocument } from './policy';

export interface EmrProps {
  naming: Naming;
  kmsKeyArn: string;
  logsBucket: { name: string; arn: string };
  dataBucketArn: string;
}

/** AWS's least-privilege policy for EMR's service role (it acts only on resources tagged for EMR). */
export const emrServicePolicyArn = 'arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2';

/**
 * What EMR clusters run with (packages/aws/src/clusters): the service role EMR acts as, the role
 * and instance profile of the cluster's instances (its logs, the datasets, the deployment's key),
 * and the security configuration that encrypts at rest with the deployment's key and requires
 * IMDSv2 (the reference's MLSpace-EMR-SecurityConfig).
 */
export class Emr extends Construct {
  readonly serviceRoleArn: string;
  readonly instanceRoleArn: string;
  readonly instanceProfileName: string;
  readonly securityConfigurationName: string;
  readonly logUri: string;

  constructor(scope: Construct, id: string, props: EmrProps) {
    super(scope, id);
    const { naming, kmsKeyArn, logsBucket, dataBucketArn } = props;

    const service = new IamRole(this, 'service-role', {
      name: naming.iamName('emr-service-role'),
      assumeRolePolicy: assumeRolePolicy(this, 'service-trust', ['elasticmapreduce.amazonaws.com'])
        .json,
      permissionsBoundary: naming.organisationBoundaryArn,
    });
    new IamRolePolicyAttachment(this, 'service-policy', {
      role: service.name,
      policyArn: emrServicePolicyArn,
    });
    this.serviceRoleArn = service.arn;

    const instanceDoc = policyDocument(this, 'instance-document', [
      {
        sid: 'ClusterLogs',
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [`${logsBucket.arn}/emr/*`],
      },
      { sid: 'ClusterLogListing', actions: ['s3:ListBucket'], resources: [logsBucket.arn] },
      {
        sid: 'Datasets',
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [`${dataBucketArn}/*`],
      },
      { sid: 'DatasetListing', actions: ['s3:ListBucket'], resources: [dataBucketArn] },
      {
        sid: 'Key',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [kmsKeyArn],
      },
    ]);
    const instancePolicy = new IamPolicy(this, 'instance-policy', {
      name: naming.iamName('emr-instance'),
      description: 'What the instances of MLSpace EMR clusters read and write',
      policy: instanceDoc.json,
    });
    const instance = new IamRole(this, 'instance-role', {
      name: naming.iamName('emr-instance-role'),
      assumeRolePolicy: assumeRolePolicy(this, 'instance-trust', ['ec2.amazonaws.com']).json,
      permissionsBoundary: naming.organisationBoundaryArn,
    });
    new IamRolePolicyAttachment(this, 'instance-attach', {
      role: instance.name,
      policyArn: instancePolicy.arn,
    });
    this.instanceRoleArn = instance.arn;
    const profile = new IamInstanceProfile(this, 'instance-profile', {
      name: naming.iamName('emr-instance-profile'),
      role: instance.name,
    });
    this.instanceProfileName = profile.name;

    const securityConfiguration = new EmrSecurityConfiguration(this, 'security-configuration', {
      name: naming.name('emr'),
      configuration: JSON.stringify({
        EncryptionConfiguration: {
          EnableInTransitEncryption: false,
          EnableAtRestEncryption: true,
          AtRestEncryptionConfiguration: {
            S3EncryptionConfiguration: { EncryptionMode: 'SSE-KMS', AwsKmsKey: kmsKeyArn },
            LocalDiskEncryptionConfiguration: {
              EncryptionKeyProviderType: 'AwsKms',
              AwsKmsKey: kmsKeyArn,
              EnableEbsEncryption: true,
            },
          },
        },
        InstanceMetadataServiceConfiguration: {
          MinimumInstanceMetadataServiceVersion: 2,
          HttpPutResponseHopLimit: 1,
        },
      }),
    });
    this.securityConfigurationName = securityConfiguration.name;
    this.logUri = `s3://${logsBucket.name}/emr/`;
  }
}
