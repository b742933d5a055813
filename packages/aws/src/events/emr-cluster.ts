/**
 * EMR Cluster State Change events ("Amazon EMR events", EMR Management Guide). Their detail names
 * the cluster and its id but carries no tags: the events job applies one only to the record that
 * holds the same cluster id (`metadata.clusterId`), since EMR cluster names are not unique.
 */
import { clusterStatusOfState } from '../clusters/backend';
import {
  eventInstant,
  ignore,
  textField,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

export const emrClusterDetailType = 'EMR Cluster State Change';

/** `stateChangeReason` is a JSON string (`{"code":"VALIDATION_ERROR","message":"…"}`). */
function reasonMessage(detail: Record<string, unknown>): string | undefined {
  const raw = textField(detail, 'stateChangeReason');
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { code?: unknown; message?: unknown };
    return typeof parsed.message === 'string' && parsed.message ? parsed.message : undefined;
  } catch {
    return raw;
  }
}

export function emrClusterStateChange(event: SageMakerStateChangeEvent): StateChangeOutcome {
  if (event.source !== 'aws.emr') return ignore(`the event comes from ${event.source}`);
  const { detail } = event;
  const name = textField(detail, 'name');
  const clusterId = textField(detail, 'clusterId');
  if (!name || !clusterId)
    return ignore('the event names no cluster (name or clusterId is missing)');
  const state = textField(detail, 'state');
  const status = clusterStatusOfState(state);
  if (!status) return ignore(`state ${state ?? '(none)'} is not a status MLSpace knows`);
  const at = eventInstant(event.time);
  if (!at) return ignore(`the event time ${event.time} is not a time`);
  const reason = reasonMessage(detail) ?? textField(detail, 'message');
  return {
    apply: {
      kind: 'emrCluster',
      name,
      status,
      at,
      ...(status === 'TerminatedWithErrors' && reason ? { failureReason: reason } : {}),
      metadata: { clusterId },
    },
    size: {},
  };
}
