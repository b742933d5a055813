import type { ComputeKind, ComputeStatus } from './status';

/**
 * A status change reported by a backend: the local backend emits these from its processes, the
 * AWS backend builds them from SageMaker state-change events (EventBridge). The registry applies
 * them to the resource's record.
 */
export interface ComputeStatusEvent {
  kind: ComputeKind;
  name: string;
  status: ComputeStatus;
  /** When the backend observed the change (ISO 8601). */
  at: string;
  failureReason?: string;
  /** Why MLSpace's own rule stopped it, when the backend reports that (an idle stop's tag on AWS). */
  stopReason?: string;
  /** Backend facts worth keeping on the record (ARN, port, URL); merged into its metadata. */
  metadata?: Record<string, string>;
  /** From the resource's tags, when the backend knows them (AWS events carry them). */
  project?: string;
  owner?: string;
}

export type ComputeStatusListener = (event: ComputeStatusEvent) => void | Promise<void>;

/** Backends hold one of these and call `emit`; the API subscribes once at start. */
export interface ComputeEventBus {
  emit(event: ComputeStatusEvent): void;
  subscribe(listener: ComputeStatusListener): () => void;
}

export function createComputeEventBus(
  onListenerError: (error: unknown) => void = () => {},
): ComputeEventBus {
  const listeners = new Set<ComputeStatusListener>();
  return {
    emit(event) {
      for (const listener of listeners) {
        Promise.resolve()
          .then(() => listener(event))
          .catch(onListenerError);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
