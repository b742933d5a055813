import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, expect, test } from 'vitest';

import {
  createComputeEventBus,
  type ClusterBackend,
  type ClusterDescription,
  type ComputeBackend,
  type CreateNotebookRequest,
  type NotebookBackend,
} from '@mlspace/core';
import { createLocalClusters, type LocalClusters } from '@mlspace/local';

import { processComputeEvent } from '../src/jobs/compute-events';
import { createSweep } from '../src/jobs/sweep';
import type { ApiServices } from '../src/services';
import { createProjectCascade } from '../src/services/cascade';
import { applyComputeEvents, unavailableComputeBackend } from '../src/services/compute';
import { createResourceActions } from '../src/services/resource-actions';
import { registerResourceCascades } from '../src/services/resource-cascades';
import { callerFor, createTestServices, signedUpUser } from './harness';

const run = promisify(execFile);

/** EMR's behaviour in memory: clusters start Waiting and end Terminated when asked. */
function fakeClusters() {
  const clusters = new Map<string, ClusterDescription>();
  const terminated: string[] = [];
  let next = 0;
  const backend: ClusterBackend = {
    engine: 'emr',
    async create(request) {
      next += 1;
      const id = `j-FAKE${next}`;
      const description: ClusterDescription = {
        id,
        name: request.name,
        status: 'Waiting',
        releaseLabel: request.releaseLabel,
        applications: request.applications.map((name) => ({ name })),
        timeline: { createdAt: new Date().toISOString() },
        metadata: {},
      };
      clusters.set(id, description);
      return description;
    },
    async describe(id) {
      return clusters.get(id) ?? null;
    },
    async instances() {
      return [];
    },
    async terminate(id, reason) {
      const cluster = clusters.get(id);
      if (!cluster) throw new Error(`no cluster ${id}`);
      terminated.push(cluster.name);
      clusters.set(id, {
        ...cluster,
        status: 'Terminated',
        stateChangeReason: { code: 'USER_REQUEST', message: reason },
      });
    },
    async connection(id) {
      return clusters.get(id)?.status === 'Waiting'
        ? { engine: 'livy', livyUrl: `http://${id}.internal:8998` }
        : null;
    },
    async logs() {
      return { lines: [], cursor: '0' };
    },
  };
  return { backend, terminated };
}

let sequence = 0;

async function world(clusters: ClusterBackend) {
  const compute: ComputeBackend = { ...unavailableComputeBackend(), clusters };
  const cascade = createProjectCascade();
  const services: ApiServices = await createTestServices({ compute, cascade });
  registerResourceCascades(
    cascade,
    services.db,
    createResourceActions({ db: services.db, compute }),
  );
  const owner = await signedUpUser(services.db);
  const member = await signedUpUser(services.db);
  const admin = await signedUpUser(services.db, { admin: true });
  const outsider = await signedUpUser(services.db);
  sequence += 1;
  const project = `clus${sequence}${Math.random().toString(36).slice(2, 6)}`;
  await callerFor(services, owner).projects.create({ name: project, description: '' });
  await callerFor(services, owner).projects.members.add({
    project,
    usernames: [member.username],
    role: 'member',
  });
  return { services, compute, owner, member, admin, outsider, project };
}

const locals: LocalClusters[] = [];
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(locals.map((clusters) => clusters.shutdown()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

test('a member creates a cluster from a cluster type; it is listed with its size and its record keeps the backend id', async () => {
  const { services, member, project } = await world(fakeClusters().backend);
  const created = await callerFor(services, member).clusters.create({
    project,
    name: 'analytics-1',
    clusterType: 'Medium',
  });
  expect(created).toMatchObject({
    name: 'analytics-1',
    status: 'Waiting',
    instanceType: 'm5.xlarge',
    instanceCount: 6,
  });
  const record = await services.db.resources.get('emrCluster', 'analytics-1');
  expect(record?.metadata.clusterId).toBe('j-FAKE1');
  const list = await callerFor(services, member).clusters.list({ project, limit: 10 });
  expect(list.items.map((item) => item.name)).toEqual(['analytics-1']);
});

test('bad cluster requests are refused naming the field: type, application, scaling limits', async () => {
  const { services, member, project } = await world(fakeClusters().backend);
  const caller = callerFor(services, member);
  await expect(
    caller.clusters.create({ project, name: 'bad-type', clusterType: 'Galactic' }),
  ).rejects.toThrow(/^clusterType: Galactic is not a cluster type/);
  await expect(
    caller.clusters.create({
      project,
      name: 'bad-app',
      clusterType: 'Small',
      applications: ['Oozie'],
    }),
  ).rejects.toThrow(/^applications: Oozie is not configured/);
  await expect(
    caller.clusters.create({
      project,
      name: 'bad-scale',
      clusterType: 'Small',
      autoScaling: { minInstances: 1, maxInstances: 4 },
    }),
  ).rejects.toThrow(/^autoScaling.minInstances: must be at least 2/);
  expect((await caller.clusters.list({ project, limit: 10 })).items).toEqual([]);
});

test('a deactivated EMR service refuses new clusters naming services.emr, and still lists the old ones', async () => {
  const { services, member, admin, project } = await world(fakeClusters().backend);
  await callerFor(services, member).clusters.create({
    project,
    name: 'before',
    clusterType: 'Small',
  });
  const { config, version } = await callerFor(services, admin).config.get();
  await callerFor(services, admin).config.update({
    expectedVersion: version,
    config: { ...config, services: { ...config.services, emr: false } },
    reason: 'EMR paused',
  });
  await expect(
    callerFor(services, member).clusters.create({ project, name: 'after', clusterType: 'Small' }),
  ).rejects.toThrow(/^services\.emr: EMR clusters are deactivated/);
  const list = await callerFor(services, member).clusters.list({ project, limit: 10 });
  expect(list.items.map((item) => item.name)).toEqual(['before']);
});

test('the creator, owners and admins terminate a cluster; another member may not; it stays listed as Terminated until removed', async () => {
  const fake = fakeClusters();
  const { services, owner, member, project } = await world(fake.backend);
  const other = await signedUpUser(services.db);
  await callerFor(services, owner).projects.members.add({
    project,
    usernames: [other.username],
    role: 'member',
  });
  await callerFor(services, member).clusters.create({
    project,
    name: 'mine',
    clusterType: 'Small',
  });
  await expect(
    callerFor(services, other).clusters.terminate({ name: 'mine' }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(callerFor(services, other).clusters.remove({ name: 'mine' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(callerFor(services, member).clusters.remove({ name: 'mine' })).rejects.toThrow(
    /^name: the cluster mine is Waiting; terminate it/,
  );
  const ended = await callerFor(services, owner).clusters.terminate({ name: 'mine' });
  expect(ended.status).toBe('Terminated');
  expect(fake.terminated).toEqual(['mine']);
  const detail = await callerFor(services, member).clusters.get({ name: 'mine' });
  expect(detail.stateChangeReason).toEqual({
    code: 'USER_REQUEST',
    message: `Terminated by ${owner.username}`,
  });
  expect(
    (await callerFor(services, member).clusters.list({ project, limit: 10 })).items,
  ).toHaveLength(1);
  await callerFor(services, member).clusters.remove({ name: 'mine' });
  expect((await callerFor(services, member).clusters.list({ project, limit: 10 })).items).toEqual(
    [],
  );
});

test('only members learn where a cluster takes work: admins outside the project and outsiders are refused', async () => {
  const { services, member, admin, outsider, project } = await world(fakeClusters().backend);
  await callerFor(services, member).clusters.create({
    project,
    name: 'shared',
    clusterType: 'Small',
  });
  const connection = await callerFor(services, member).clusters.connection({ name: 'shared' });
  expect(connection).toMatchObject({
    engine: 'livy',
    address: 'http://j-FAKE1.internal:8998',
    environment: {
      MLSPACE_CLUSTER: 'shared',
      MLSPACE_CLUSTER_LIVY_URL: 'http://j-FAKE1.internal:8998',
    },
  });
  await expect(
    callerFor(services, admin).clusters.connection({ name: 'shared' }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(
    callerFor(services, outsider).clusters.connection({ name: 'shared' }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  const asAdmin = await callerFor(services, admin).clusters.get({ name: 'shared' });
  expect(asAdmin.permissions).toMatchObject({ manage: true, connect: false });
});

test('a cluster gets the project lifetime and the sweep terminates it then, not before; it stays listed', async () => {
  const fake = fakeClusters();
  const { services, compute, owner, member, project } = await world(fake.backend);
  await callerFor(services, owner).projects.updateCostControls({
    project,
    notebook: { dailyStop: null, ownerMayOverride: false },
    endpoint: { ttlHours: null, ownerMayOverride: false },
    emrCluster: { ttlHours: 3, ownerMayOverride: false },
  });
  await callerFor(services, member).clusters.create({
    project,
    name: 'timed',
    clusterType: 'Small',
  });
  const record = await services.db.resources.get('emrCluster', 'timed');
  const terminateAt = new Date(record!.terminateAt!);
  expect(terminateAt.getTime() - new Date(record!.createdAt).getTime()).toBeGreaterThan(
    3 * 3_600_000 - 60_000,
  );
  await expect(
    callerFor(services, member).resources.reschedule({
      kind: 'emrCluster',
      name: 'timed',
      terminateAt: null,
    }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });

  const early = createSweep({
    db: services.db,
    compute,
    now: () => new Date(terminateAt.getTime() - 60_000),
  });
  expect((await early.run()).stopped).toEqual([]);
  // The termination time passes (moved to a minute ago, as the clock would have it in 3 hours).
  await services.db.resources.setSchedule(
    'emrCluster',
    'timed',
    { terminateAt: new Date(Date.now() - 60_000).toISOString() },
    owner.username,
  );
  const late = createSweep({ db: services.db, compute });
  expect((await late.run()).stopped).toEqual(['timed']);
  expect(fake.terminated).toEqual(['timed']);
  const after = await services.db.resources.get('emrCluster', 'timed');
  expect(after).toMatchObject({ status: 'Terminated', terminateAt: null });
  expect((await late.run()).due).toBe(0);
  const detail = await callerFor(services, member).clusters.get({ name: 'timed' });
  expect(detail.stateChangeReason?.message).toMatch(
    /^Terminated at its scheduled termination time/,
  );
});

test('suspending the project and removing a member terminate clusters; deleting the project forgets them', async () => {
  const fake = fakeClusters();
  const { services, owner, member, project } = await world(fake.backend);
  await callerFor(services, member).clusters.create({
    project,
    name: 'members',
    clusterType: 'Small',
  });
  await callerFor(services, owner).clusters.create({
    project,
    name: 'owners',
    clusterType: 'Small',
  });
  const removal = await services.cascade.memberRemoved(project, member.username, owner.username);
  expect(removal.kinds.find((kind) => kind.kind === 'emrCluster')?.done).toEqual(['members']);
  expect(fake.terminated).toEqual(['members']);
  const suspension = await services.cascade.projectSuspended(project, owner.username);
  expect(suspension.kinds.find((kind) => kind.kind === 'emrCluster')?.done).toEqual(['owners']);
  expect(fake.terminated).toEqual(['members', 'owners']);
  const deletion = await services.cascade.projectDeleted(project, owner.username);
  expect(deletion.kinds.find((kind) => kind.kind === 'emrCluster')?.done?.sort()).toEqual([
    'members',
    'owners',
  ]);
  expect(await services.db.resources.get('emrCluster', 'owners')).toBeNull();
});

test('locally a cluster is a Dask cluster: members get its scheduler address, a client sums on its workers, the page shows them, and termination ends it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlspace-api-clusters-'));
  folders.push(dir);
  const events = createComputeEventBus();
  const local = createLocalClusters({ rootDir: dir, events });
  locals.push(local);
  const { services, compute, member, project } = await world(local);
  applyComputeEvents(services.db, compute, (error) => {
    throw error;
  });
  const created = await callerFor(services, member).clusters.create({
    project,
    name: 'dask-one',
    clusterType: 'Small',
  });
  expect(created.status).toBe('Starting');
  const id = (await services.db.resources.get('emrCluster', 'dask-one'))!.metadata.clusterId!;
  expect((await local.settled(id)).status).toBe('Waiting');

  const connection = await callerFor(services, member).clusters.connection({ name: 'dask-one' });
  expect(connection.engine).toBe('dask');
  expect(connection.environment.DASK_SCHEDULER_ADDRESS).toBe(connection.address);
  const { stdout } = await run(
    '/usr/bin/python3',
    [
      '-c',
      'import sys\nfrom distributed import Client\nc = Client(sys.argv[1], timeout=30)\nprint(sum(c.gather(c.map(lambda n: n * n, range(10)))))',
      connection.address!,
    ],
    { timeout: 60_000 },
  );
  expect(stdout.trim()).toBe('285');

  const detail = await callerFor(services, member).clusters.get({ name: 'dask-one' });
  expect(detail.engine).toBe('dask');
  expect(detail.note).toMatch(/Spark applications run only on AWS/);
  expect(detail.cluster.status).toBe('Waiting');
  const workers = detail.instances.filter((instance) => instance.role === 'core');
  expect(workers).toHaveLength(2);
  expect(workers.every((worker) => (worker.memoryLimitBytes ?? 0) === 16 * 1024 ** 3)).toBe(true);
  expect(workers.reduce((sum, worker) => sum + (worker.storedResults ?? 0), 0)).toBe(0);

  const logs = await callerFor(services, member).clusters.logs({ name: 'dask-one' });
  expect(logs.lines.some((line) => line.message.includes('workers joined the scheduler'))).toBe(
    true,
  );

  await callerFor(services, member).clusters.terminate({ name: 'dask-one' });
  expect((await services.db.resources.get('emrCluster', 'dask-one'))?.status).toBe('Terminated');
  expect(
    (await callerFor(services, member).clusters.connection({ name: 'dask-one' })).address,
  ).toBeNull();
}, 120_000);

test('a notebook attached to a cluster of its project gets its endpoint at create; another project’s or an unknown cluster is refused naming clusterName', async () => {
  const fake = fakeClusters();
  const created: CreateNotebookRequest[] = [];
  const notebooks: NotebookBackend = {
    ...unavailableComputeBackend().notebooks,
    async create(request) {
      created.push(request);
      return {
        name: request.name,
        status: 'Pending',
        instanceType: request.instanceType,
        volumeSizeGb: request.volumeSizeGb,
        metadata: {},
      };
    },
  };
  const compute: ComputeBackend = {
    ...unavailableComputeBackend(),
    notebooks,
    clusters: fake.backend,
  };
  const { services, member, owner, project } = await world(fake.backend);
  const attached = await createTestServices({ db: services.db, compute });
  await callerFor(services, member).clusters.create({
    project,
    name: 'spark-1',
    clusterType: 'Small',
  });
  const other = `${project}x`;
  await callerFor(services, owner).projects.create({ name: other, description: '' });
  await callerFor(services, owner).clusters.create({
    project: other,
    name: 'elsewhere',
    clusterType: 'Small',
  });

  const notebook = await callerFor(attached, member).notebooks.create({
    project,
    name: 'nb-spark',
    instanceType: 'ml.t3.medium',
    clusterName: 'spark-1',
  });
  expect(notebook.clusterName).toBe('spark-1');
  expect(created[0]?.environment).toEqual({
    MLSPACE_CLUSTER: 'spark-1',
    MLSPACE_CLUSTER_LIVY_URL: 'http://j-FAKE1.internal:8998',
  });
  expect(created[0]?.lifecycle.onStart).toMatch(/"url": "http:\/\/j-FAKE1.internal:8998"/);

  await expect(
    callerFor(attached, member).notebooks.create({
      project,
      name: 'nb-other',
      instanceType: 'ml.t3.medium',
      clusterName: 'elsewhere',
    }),
  ).rejects.toMatchObject({
    message: `clusterName: there is no cluster named elsewhere in project ${project}`,
  });
  expect(await services.db.resources.get('notebook', 'nb-other')).toBeNull();
});

test('an EMR state change applies to the cluster with that id only, so a same-named cluster elsewhere cannot change it', async () => {
  const { services, member, project } = await world(fakeClusters().backend);
  await callerFor(services, member).clusters.create({
    project,
    name: 'evented',
    clusterType: 'Small',
  });
  const event = (clusterId: string, state: string) => ({
    source: 'aws.emr',
    'detail-type': 'EMR Cluster State Change',
    time: new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    detail: {
      name: 'evented',
      clusterId,
      state,
      stateChangeReason: JSON.stringify({ code: 'VALIDATION_ERROR', message: 'Bad subnet' }),
    },
  });
  expect(
    await processComputeEvent(services.db, event('j-SOMEONEELSE', 'TERMINATED'), 'MLSpace'),
  ).toEqual({
    outcome: 'ignored',
    reason: 'MLSpace holds no cluster evented with id j-SOMEONEELSE',
  });
  expect((await services.db.resources.get('emrCluster', 'evented'))?.status).toBe('Waiting');
  expect(
    await processComputeEvent(services.db, event('j-FAKE1', 'TERMINATED_WITH_ERRORS'), 'MLSpace'),
  ).toEqual({ outcome: 'applied' });
  expect(await services.db.resources.get('emrCluster', 'evented')).toMatchObject({
    status: 'TerminatedWithErrors',
    failureReason: 'Bad subnet',
  });
});
