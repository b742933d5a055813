/**
 * SageMaker state-change events (EventBridge) as status events of MLSpace's records: one module
 * per kind, this one picks by `detail-type`.
 */
import { emrClusterDetailType, emrClusterStateChange } from './emr-cluster';
import { endpointDetailType, endpointStateChange } from './endpoint';
import { endpointConfigDetailType, endpointConfigStateChange } from './endpoint-config';
import { ignore, type SageMakerStateChangeEvent, type StateChangeOutcome } from './envelope';
import { labelingJobDetailType, labelingJobStateChange } from './labeling-job';
import { modelDetailType, modelStateChange } from './model';
import { notebookDetailType, notebookStateChange } from './notebook';
import { trainingJobDetailType, trainingJobStateChange } from './training-job';
import { transformJobDetailType, transformJobStateChange } from './transform-job';
import { tuningJobDetailType, tuningJobStateChange } from './tuning-job';

export type { ResourceSize, SageMakerStateChangeEvent, StateChangeOutcome } from './envelope';
export { eventInstant } from './envelope';
export { endpointStatusSpelling } from './endpoint';

type Mapping = (event: SageMakerStateChangeEvent, systemTag: string) => StateChangeOutcome;

/** Every detail type that changes a record's status. */
const statusChanges: Record<string, Mapping> = {
  [notebookDetailType]: notebookStateChange,
  [trainingJobDetailType]: trainingJobStateChange,
  [tuningJobDetailType]: tuningJobStateChange,
  [transformJobDetailType]: transformJobStateChange,
  [endpointDetailType]: endpointStateChange,
  // SageMaker keeps no status for these: created with tags, deleted without (created-or-deleted.ts).
  [modelDetailType]: modelStateChange,
  [endpointConfigDetailType]: endpointConfigStateChange,
  [labelingJobDetailType]: labelingJobStateChange,
};

/** The detail types the events job understands. */
export const sagemakerStateChangeTypes: readonly string[] = [
  ...Object.keys(statusChanges),
  emrClusterDetailType,
];

/**
 * The status event a SageMaker state change means for this deployment (`systemTag`), or why it
 * changes nothing: not SageMaker, a detail type without status, another system's resource, no
 * name, or a status MLSpace does not know.
 */
export function statusFromStateChange(
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  if (event['detail-type'] === emrClusterDetailType) return emrClusterStateChange(event);
  if (event.source !== 'aws.sagemaker') return ignore(`the event comes from ${event.source}`);
  const type = event['detail-type'];
  const mapping = statusChanges[type];
  if (mapping) return mapping(event, systemTag);
  return ignore(`MLSpace does not follow ${type} events`);
}
