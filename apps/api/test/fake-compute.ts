import {
  createComputeEventBus,
  type ComputeBackend,
  type EndpointBackend,
  type NotebookBackend,
  type NotebookStatus,
} from '@mlspace/core';

/**
 * Notebooks and endpoints in memory, acting at once, with names whose stop or delete fails until
 * `failing` no longer holds them (cascade and retry tests).
 */
export function createFakeCompute() {
  const notebooks = new Map<string, NotebookStatus>();
  const endpoints = new Set<string>();
  const failing = new Set<string>();
  const calls: string[] = [];
  const refuse = () => Promise.reject(new Error('not used in this test'));
  const failIfAsked = (name: string) => {
    if (failing.has(name)) throw new Error(`the backend refused ${name}`);
  };
  const notebookBackend: NotebookBackend = {
    create: async (request) => {
      notebooks.set(request.name, 'InService');
      return {
        name: request.name,
        status: 'InService',
        instanceType: request.instanceType,
        volumeSizeGb: request.volumeSizeGb,
        metadata: {},
      };
    },
    describe: async (name) => {
      const status = notebooks.get(name);
      return status
        ? { name, status, instanceType: 'ml.t3.medium', volumeSizeGb: 5, metadata: {} }
        : null;
    },
    start: refuse,
    stop: async (name) => {
      calls.push(`stop ${name}`);
      failIfAsked(name);
      notebooks.set(name, 'Stopped');
    },
    update: refuse,
    delete: refuse,
    openUrl: refuse,
    logs: refuse,
  };
  const endpointBackend: EndpointBackend = {
    create: refuse,
    describe: async (name) =>
      endpoints.has(name)
        ? { name, status: 'InService', endpointConfigName: 'c', metadata: {} }
        : null,
    update: refuse,
    delete: async (name) => {
      calls.push(`delete ${name}`);
      failIfAsked(name);
      endpoints.delete(name);
    },
    invoke: refuse,
    logs: refuse,
  };
  const compute: ComputeBackend = {
    name: 'local',
    events: createComputeEventBus(),
    notebooks: notebookBackend,
    endpoints: endpointBackend,
    shutdown: async () => {},
  };
  return { compute, notebooks, endpoints, failing, calls };
}
