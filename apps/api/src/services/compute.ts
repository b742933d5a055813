/**
 * Wires a compute backend to the registry: every status event the backend emits updates the
 * resource's record. The AWS backend's events come from EventBridge (jobs/compute-events.ts).
 */
import {
  UnavailableError,
  createComputeEventBus,
  type ComputeBackend,
  type ComputeStatusEvent,
  type NotebookBackend,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

export function applyComputeEvents(
  db: Db,
  compute: ComputeBackend,
  onError: (error: unknown, event: ComputeStatusEvent) => void,
) {
  return compute.events.subscribe(async (event) => {
    try {
      await db.resources.applyStatus(event);
    } catch (error) {
      onError(error, event);
    }
  });
}

/** For entry points and tests that run no compute: every call says so. */
export function unavailableComputeBackend(
  reason = 'No compute backend is configured here',
): ComputeBackend {
  const refuse = () => Promise.reject(new UnavailableError(reason));
  const notebooks: NotebookBackend = {
    create: refuse,
    describe: refuse,
    start: refuse,
    stop: refuse,
    update: refuse,
    delete: refuse,
    openUrl: refuse,
    logs: refuse,
  };
  return { name: 'local', events: createComputeEventBus(), notebooks, shutdown: async () => {} };
}
