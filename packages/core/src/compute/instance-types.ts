import { defaultInstanceTypes } from '../config/app-config';
import type { ComputeKind } from './status';

/**
 * The instance types offered until an administrator configures them (the dynamic configuration
 * replaces this through an `AllowedInstanceTypes` function). Locally the type is only a label.
 */
export const defaultAllowedInstanceTypes: Readonly<Record<ComputeKind, readonly string[]>> = {
  notebook: defaultInstanceTypes.notebook,
  trainingJob: defaultInstanceTypes.training,
  hpoJob: defaultInstanceTypes.training,
  transformJob: defaultInstanceTypes.transform,
  model: [],
  endpointConfig: defaultInstanceTypes.endpoint,
  endpoint: defaultInstanceTypes.endpoint,
  // Cluster types name their EC2 types; the administrator's EMR settings govern them.
  emrCluster: [],
  labelingJob: [],
  batchTranslateJob: [],
};

/** The seam the dynamic configuration plugs into. */
export type AllowedInstanceTypes = (kind: ComputeKind) => Promise<readonly string[]>;

export const defaultAllowedInstanceTypesSource: AllowedInstanceTypes = async (kind) =>
  defaultAllowedInstanceTypes[kind];
