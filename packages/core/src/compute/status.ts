import type { LabelingJobStatus } from '../labeling/task-types';

/**
 * Status vocabularies, one per kind, spelled as SageMaker spells them so that the AWS backend passes
 * them through unchanged and the portal shows the same words on both backends.
 */
export const notebookStatuses = [
  'Pending',
  'InService',
  'Stopping',
  'Stopped',
  'Failed',
  'Deleting',
  'Updating',
] as const;
export type NotebookStatus = (typeof notebookStatuses)[number];

export const trainingJobStatuses = [
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped',
] as const;
export type TrainingJobStatus = (typeof trainingJobStatuses)[number];

/** Hyperparameter tuning jobs use the same words as training jobs. */
export const tuningJobStatuses = trainingJobStatuses;
export type TuningJobStatus = TrainingJobStatus;

export const transformJobStatuses = trainingJobStatuses;
export type TransformJobStatus = TrainingJobStatus;

/** SageMaker models and endpoint configs have no status; the registry records them as existing. */
export const modelStatuses = ['Created', 'Deleting'] as const;
export type ModelStatus = (typeof modelStatuses)[number];

export const endpointConfigStatuses = modelStatuses;
export type EndpointConfigStatus = ModelStatus;

export const endpointStatuses = [
  'Creating',
  'InService',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'Failed',
  'Deleting',
  'OutOfService',
] as const;
export type EndpointStatus = (typeof endpointStatuses)[number];

/**
 * EMR's cluster states (STARTING, WAITING, TERMINATED_WITH_ERRORS ...) in the words the portal
 * shows; the AWS backend maps EMR's capitals to these, the local Dask cluster uses them directly.
 */
export const clusterStatuses = [
  'Starting',
  'Bootstrapping',
  'Running',
  'Waiting',
  'Terminating',
  'Terminated',
  'TerminatedWithErrors',
] as const;
export type ClusterStatus = (typeof clusterStatuses)[number];

/** Every status any compute kind can have; the registry stores this union. */
export type ComputeStatus =
  | NotebookStatus
  | TrainingJobStatus
  | ModelStatus
  | EndpointStatus
  | LabelingJobStatus
  | ClusterStatus
  /** Recorded when a resource vanished from the backend (for example deleted outside MLSpace). */
  | 'Deleted';

/** The compute kinds the port covers (a subset of the policy's resource kinds). */
export const computeKinds = [
  'notebook',
  'trainingJob',
  'hpoJob',
  'transformJob',
  'model',
  'endpointConfig',
  'endpoint',
  'labelingJob',
  'emrCluster',
  'batchTranslateJob',
] as const;
export type ComputeKind = (typeof computeKinds)[number];

/** Statuses after which nothing changes without a user action; pollers stop at these. */
export const settledStatuses: Record<ComputeKind, readonly ComputeStatus[]> = {
  notebook: ['InService', 'Stopped', 'Failed'],
  trainingJob: ['Completed', 'Failed', 'Stopped'],
  hpoJob: ['Completed', 'Failed', 'Stopped'],
  transformJob: ['Completed', 'Failed', 'Stopped'],
  model: ['Created'],
  endpointConfig: ['Created'],
  endpoint: ['InService', 'Failed', 'OutOfService'],
  labelingJob: ['Completed', 'Failed', 'Stopped'],
  emrCluster: ['Waiting', 'Terminated', 'TerminatedWithErrors'],
  batchTranslateJob: ['Completed', 'Failed', 'Stopped'],
};

export function isSettled(kind: ComputeKind, status: ComputeStatus): boolean {
  return settledStatuses[kind].includes(status);
}

/**
 * Statuses in which a resource holds instances, and so costs money: what "running" means on the
 * project overview, the dashboard and the cost controls. Models and endpoint configurations never
 * run; a notebook being stopped and an endpoint being updated still hold their instances (a
 * notebook is updated only while stopped).
 */
export const runningStatuses: Record<ComputeKind, readonly ComputeStatus[]> = {
  notebook: ['Pending', 'InService', 'Stopping'],
  trainingJob: ['InProgress', 'Stopping'],
  hpoJob: ['InProgress', 'Stopping'],
  transformJob: ['InProgress', 'Stopping'],
  model: [],
  endpointConfig: [],
  endpoint: ['Creating', 'InService', 'Updating', 'SystemUpdating', 'RollingBack'],
  // Workers are paid per object while a labeling job runs (on AWS).
  labelingJob: ['Initializing', 'InProgress', 'Stopping'],
  emrCluster: ['Starting', 'Bootstrapping', 'Running', 'Waiting', 'Terminating'],
  // Amazon Translate bills by the character while a job runs.
  batchTranslateJob: ['InProgress', 'Stopping'],
};

export function isRunning(kind: ComputeKind, status: ComputeStatus): boolean {
  return runningStatuses[kind].includes(status);
}
