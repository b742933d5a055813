import type { ComputeKind } from './status';

/**
 * The instance types offered until an administrator configures them (the dynamic configuration
 * replaces this through an `AllowedInstanceTypes` function). Locally the type is only a label.
 */
export const defaultAllowedInstanceTypes: Readonly<Record<ComputeKind, readonly string[]>> = {
  notebook: ['ml.t3.medium', 'ml.t3.large', 'ml.t3.xlarge', 'ml.m5.large', 'ml.m5.xlarge'],
  trainingJob: ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge', 'ml.g4dn.xlarge'],
  hpoJob: ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge', 'ml.g4dn.xlarge'],
  transformJob: ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge'],
  model: [],
  endpointConfig: ['ml.t2.medium', 'ml.m5.large', 'ml.m5.xlarge', 'ml.c5.large'],
  endpoint: ['ml.t2.medium', 'ml.m5.large', 'ml.m5.xlarge', 'ml.c5.large'],
};

/** The seam the dynamic configuration plugs into. */
export type AllowedInstanceTypes = (kind: ComputeKind) => Promise<readonly string[]>;

export const defaultAllowedInstanceTypesSource: AllowedInstanceTypes = async (kind) =>
  defaultAllowedInstanceTypes[kind];
