/**
 * SageMaker ML instance types with NVMe instance storage. SageMaker refuses a volume KMS key on
 * them (the storage is encrypted by the hardware), so the AWS backend leaves the key out of creates
 * on them (packages/aws/src/jobs/context.ts) and the deployment's volume-key policy lets creates on
 * them through without one (infra-tf/src/constructs/iam.ts). It imports nothing, so infra-tf reads
 * it by its own export (`@mlspace/core/instance-storage-types`).
 */
export const instanceStorageTypes: readonly string[] = [
  'ml.m5d.large',
  'ml.m5d.xlarge',
  'ml.m5d.2xlarge',
  'ml.c5d.xlarge',
  'ml.c5d.2xlarge',
  'ml.g4dn.xlarge',
  'ml.g4dn.2xlarge',
  'ml.p3dn.24xlarge',
  'ml.r5d.large',
];
