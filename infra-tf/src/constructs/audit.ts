import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail/index.js';
import { Construct } from 'constructs';
import type { Naming } from '../naming';
import type { SecureBucket } from './storage';

export interface AuditProps {
  naming: Naming;
  kmsKeyArn: string;
  logsBucket: SecureBucket;
}

/** An optional multi-region trail into the logs bucket, for accounts without an organisation trail. */
export class Audit extends Construct {
  constructor(scope: Construct, id: string, { naming, kmsKeyArn, logsBucket }: AuditProps) {
    super(scope, id);
    new Cloudtrail(this, 'trail', {
      name: naming.name('trail'),
      s3BucketName: logsBucket.name,
      s3KeyPrefix: 'cloudtrail',
      kmsKeyId: kmsKeyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      // CloudTrail checks its bucket permissions when the trail is created.
      dependsOn: logsBucket.policy ? [logsBucket.policy] : [],
    });
  }
}
