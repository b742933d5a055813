import {
  createComputeEventBus,
  type ComputeBackend,
  type EndpointBackend,
  type EndpointConfigBackend,
  type ModelBackend,
  type NotebookBackend,
  type NotebookStatus,
  type TrainingJobStatus,
} from '@mlspace/core';

/**
 * Notebooks, jobs, models, endpoint configs and endpoints in memory, acting at once, with names
 * whose stop or delete fails until `failing` no longer holds them (cascade and retry tests).
 * Jobs of every kind share `jobs` (names are unique per kind, and tests use distinct ones).
 */
export function createFakeCompute() {
  const notebooks = new Map<string, NotebookStatus>();
  const endpoints = new Set<string>();
  const jobs = new Map<string, TrainingJobStatus>();
  const models = new Set<string>();
  const endpointConfigs = new Set<string>();
  const projectRoles = new Set<string>();
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
    delete: async (name) => {
      calls.push(`delete ${name}`);
      failIfAsked(name);
      notebooks.delete(name);
    },
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
  const describeJob = async (name: string) => {
    const status = jobs.get(name);
    return status ? { name, status, metadata: {} } : null;
  };
  const stopJob = async (name: string) => {
    calls.push(`stop ${name}`);
    failIfAsked(name);
    if (jobs.get(name) === 'InProgress') jobs.set(name, 'Stopped');
  };
  const jobBackend = { create: refuse, describe: describeJob, stop: stopJob, logs: refuse };
  const deletable = (names: Set<string>, status: 'Created') => ({
    create: refuse,
    describe: async (name: string) =>
      names.has(name)
        ? { name, status, metadata: {}, variants: [], container: { image: '' } }
        : null,
    delete: async (name: string) => {
      calls.push(`delete ${name}`);
      failIfAsked(name);
      names.delete(name);
    },
  });
  const compute: ComputeBackend = {
    name: 'local',
    events: createComputeEventBus(),
    notebooks: notebookBackend,
    endpoints: endpointBackend,
    trainingJobs: {
      ...jobBackend,
      describe: async (name) => {
        const job = await describeJob(name);
        return job ? { ...job, instanceType: 'ml.m5.large', metrics: [] } : null;
      },
    },
    tuningJobs: {
      ...jobBackend,
      describe: async (name) => {
        const job = await describeJob(name);
        return job
          ? { ...job, counters: { completed: 0, inProgress: 0, failed: 0, stopped: 0 } }
          : null;
      },
      listTrainingJobs: refuse,
    },
    transformJobs: {
      ...jobBackend,
      describe: async (name) => {
        const job = await describeJob(name);
        return job
          ? { ...job, modelName: 'm', instanceType: 'ml.m5.large', outputS3Uri: 's3://b/o/' }
          : null;
      },
    },
    models: deletable(models, 'Created') as ModelBackend,
    endpointConfigs: deletable(endpointConfigs, 'Created') as EndpointConfigBackend,
    deleteProjectRoles: async (project) => {
      calls.push(`deleteProjectRoles ${project}`);
      failIfAsked(`roles:${project}`);
      const deleted = [...projectRoles].filter((role) => role.startsWith(`${project}-`));
      for (const role of deleted) projectRoles.delete(role);
      return deleted;
    },
    shutdown: async () => {},
  };
  return {
    compute,
    notebooks,
    endpoints,
    jobs,
    models,
    endpointConfigs,
    projectRoles,
    failing,
    calls,
  };
}
