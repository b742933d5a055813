/** The SageMaker ML instance types an administrator can allow, with what each one offers. */
export interface InstanceType {
  name: string;
  vcpus: number;
  memoryGiB: number;
  gpus: number;
}

export const instanceTypeCatalogue: readonly InstanceType[] = [
  { name: 'ml.t3.medium', vcpus: 2, memoryGiB: 4, gpus: 0 },
  { name: 'ml.t3.large', vcpus: 2, memoryGiB: 8, gpus: 0 },
  { name: 'ml.t3.xlarge', vcpus: 4, memoryGiB: 16, gpus: 0 },
  { name: 'ml.t3.2xlarge', vcpus: 8, memoryGiB: 32, gpus: 0 },
  { name: 'ml.m5.large', vcpus: 2, memoryGiB: 8, gpus: 0 },
  { name: 'ml.m5.xlarge', vcpus: 4, memoryGiB: 16, gpus: 0 },
  { name: 'ml.m5.2xlarge', vcpus: 8, memoryGiB: 32, gpus: 0 },
  { name: 'ml.m5.4xlarge', vcpus: 16, memoryGiB: 64, gpus: 0 },
  { name: 'ml.m5.12xlarge', vcpus: 48, memoryGiB: 192, gpus: 0 },
  { name: 'ml.m5.24xlarge', vcpus: 96, memoryGiB: 384, gpus: 0 },
  { name: 'ml.c5.large', vcpus: 2, memoryGiB: 4, gpus: 0 },
  { name: 'ml.c5.xlarge', vcpus: 4, memoryGiB: 8, gpus: 0 },
  { name: 'ml.c5.2xlarge', vcpus: 8, memoryGiB: 16, gpus: 0 },
  { name: 'ml.c5.4xlarge', vcpus: 16, memoryGiB: 32, gpus: 0 },
  { name: 'ml.c5.9xlarge', vcpus: 36, memoryGiB: 72, gpus: 0 },
  { name: 'ml.r5.large', vcpus: 2, memoryGiB: 16, gpus: 0 },
  { name: 'ml.r5.xlarge', vcpus: 4, memoryGiB: 32, gpus: 0 },
  { name: 'ml.r5.2xlarge', vcpus: 8, memoryGiB: 64, gpus: 0 },
  { name: 'ml.r5.4xlarge', vcpus: 16, memoryGiB: 128, gpus: 0 },
  { name: 'ml.g4dn.xlarge', vcpus: 4, memoryGiB: 16, gpus: 1 },
  { name: 'ml.g4dn.2xlarge', vcpus: 8, memoryGiB: 32, gpus: 1 },
  { name: 'ml.g4dn.12xlarge', vcpus: 48, memoryGiB: 192, gpus: 4 },
  { name: 'ml.g5.xlarge', vcpus: 4, memoryGiB: 16, gpus: 1 },
  { name: 'ml.g5.2xlarge', vcpus: 8, memoryGiB: 32, gpus: 1 },
  { name: 'ml.g5.12xlarge', vcpus: 48, memoryGiB: 192, gpus: 4 },
  { name: 'ml.g5.48xlarge', vcpus: 192, memoryGiB: 768, gpus: 8 },
  { name: 'ml.p3.2xlarge', vcpus: 8, memoryGiB: 61, gpus: 1 },
  { name: 'ml.p3.8xlarge', vcpus: 32, memoryGiB: 244, gpus: 4 },
  { name: 'ml.p3.16xlarge', vcpus: 64, memoryGiB: 488, gpus: 8 },
  { name: 'ml.p4d.24xlarge', vcpus: 96, memoryGiB: 1152, gpus: 8 },
];

export const instanceTypeNames = instanceTypeCatalogue.map((type) => type.name);
