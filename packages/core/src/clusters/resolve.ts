import type { ClusterAutoScaling } from '../compute/clusters';
import type { AppConfig } from '../config/app-config';
import { ValidationError } from '../errors';
import type { CreateClusterInput } from './schemas';

/** What a cluster is made of once the request is checked against the EMR configuration. */
export interface ResolvedClusterRequest {
  clusterType: string;
  releaseLabel: string;
  applications: string[];
  primaryInstanceType: string;
  coreInstanceType: string;
  coreInstanceCount: number;
  autoScaling: ClusterAutoScaling | null;
}

/**
 * Checks a create request against the administrator's EMR settings: a known cluster type, the
 * configured release label, configured applications only, and scaling limits within the
 * configured ones. Each refusal names the field.
 */
export function resolveClusterRequest(
  emr: AppConfig['emr'],
  input: Pick<CreateClusterInput, 'clusterType' | 'releaseLabel' | 'applications' | 'autoScaling'>,
): ResolvedClusterRequest {
  const type = emr.clusterTypes.find((candidate) => candidate.name === input.clusterType);
  if (!type) {
    const names = emr.clusterTypes.map((candidate) => candidate.name);
    throw new ValidationError(
      'clusterType',
      `${input.clusterType} is not a cluster type; available: ${names.length > 0 ? names.join(', ') : 'none (ask your administrator)'}`,
    );
  }
  if (input.releaseLabel !== undefined && input.releaseLabel !== emr.releaseLabel)
    throw new ValidationError(
      'releaseLabel',
      `${input.releaseLabel} is not offered; your administrator configured ${emr.releaseLabel}`,
    );
  const applications = input.applications ?? [...emr.applications];
  const unknown = applications.filter((name) => !emr.applications.includes(name));
  if (unknown.length > 0)
    throw new ValidationError(
      'applications',
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not configured; available: ${emr.applications.join(', ')}`,
    );
  if (new Set(applications).size !== applications.length)
    throw new ValidationError('applications', 'lists an application twice');
  return {
    clusterType: type.name,
    releaseLabel: emr.releaseLabel,
    applications,
    primaryInstanceType: type.masterInstanceType,
    coreInstanceType: type.coreInstanceType,
    coreInstanceCount: type.coreInstanceCount,
    autoScaling: resolveAutoScaling(emr.autoScaling, input.autoScaling, type.coreInstanceCount),
  };
}

function resolveAutoScaling(
  configured: AppConfig['emr']['autoScaling'],
  requested: CreateClusterInput['autoScaling'],
  coreInstanceCount: number,
): ClusterAutoScaling | null {
  if (requested === null) return null;
  if (!configured.enabled) {
    if (requested === undefined) return null;
    throw new ValidationError('autoScaling', 'is turned off by your administrator');
  }
  const limits = requested ?? {
    minInstances: configured.minInstances,
    maxInstances: configured.maxInstances,
  };
  if (limits.minInstances < configured.minInstances)
    throw new ValidationError(
      'autoScaling.minInstances',
      `must be at least ${configured.minInstances} (your administrator's limit)`,
    );
  if (limits.maxInstances > configured.maxInstances)
    throw new ValidationError(
      'autoScaling.maxInstances',
      `must be at most ${configured.maxInstances} (your administrator's limit)`,
    );
  if (limits.maxInstances < limits.minInstances)
    throw new ValidationError('autoScaling.maxInstances', 'must be at least minInstances');
  if (coreInstanceCount < limits.minInstances || coreInstanceCount > limits.maxInstances)
    throw new ValidationError(
      'autoScaling',
      `must include the cluster type's ${coreInstanceCount} core nodes (between ${limits.minInstances} and ${limits.maxInstances})`,
    );
  return limits;
}
