import type { ProjectFacts, ResourceKind } from './facts';

/** Denial messages shared by several rules, so that one rule always reads the same to users. */

export function notAMember(project: ProjectFacts): string {
  return `You are not a member of project '${project.name}'`;
}

export function projectSuspended(project: ProjectFacts): string {
  return `Project '${project.name}' is suspended: nothing can be created or started in it`;
}

export const resourceKindLabels: Record<ResourceKind, string> = {
  notebook: 'notebook',
  trainingJob: 'training job',
  hpoJob: 'tuning job',
  transformJob: 'transform job',
  model: 'model',
  endpointConfig: 'endpoint configuration',
  endpoint: 'endpoint',
  emrCluster: 'EMR cluster',
  labelingJob: 'labeling job',
  batchTranslateJob: 'batch translation job',
};
