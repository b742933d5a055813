/**
 * Every procedure of the app router, called as every persona of docs/authorization.md, on real
 * data in DynamoDB Local. A new procedure without an entry in `cases` fails the first test, so
 * whoever adds a procedure also says who may call it.
 *
 * "Allowed" means the call passed authorization: it succeeded, or failed on a business rule
 * (BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED). "Denied" means FORBIDDEN, or
 * UNAUTHORIZED for the anonymous caller. Every case gets a fresh world so that one persona's
 * allowed change (a deletion, a removal) never decides another persona's case.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { defaultAppConfig, noCostControls, type UserView } from '@mlspace/core';

import { withEveryRouterLoaded } from '../src/root';
import type { ApiServices } from '../src/services';
import { datasetCases } from './authorization-dataset-cases';
import { translationCases } from './authorization-translation-cases';
import { callerFor, createTestServices, signedUpUser } from './harness';

const personaKeys = [
  'admin',
  'owner',
  'groupOwner',
  'member',
  'groupMember',
  'outsider',
  'suspended',
  'anonymous',
] as const;
type PersonaKey = (typeof personaKeys)[number];
const personaLabels: Record<PersonaKey, string> = {
  admin: 'Admin',
  owner: 'Owner',
  groupOwner: 'group Owner',
  member: 'Member',
  groupMember: 'group Member',
  outsider: 'Outsider',
  suspended: 'Suspended',
  anonymous: 'Anonymous',
};

/** One fixture project with every persona's link, plus things procedures act on. */
interface World {
  project: string;
  /** Linked to the project as Member; the group Member belongs to it. */
  memberGroup: string;
  /** Linked to the project as Owner; the group Owner belongs to it. */
  ownerGroup: string;
  /** Exists, linked to nothing. */
  spareGroup: string;
  /** An active user with no links, to add, suspend or promote. */
  spareUser: string;
  /** The project's direct Member. */
  member: string;
  /** A fresh name for creations. */
  newName: string;
  /** A training job, tuning job, transform job, model, endpoint config and endpoint of this name, created by `member`. */
  mlResource: string;
}

interface WorldOptions {
  suspendedProject?: boolean;
}

interface Case {
  /** Expected per persona, in the order of `personaKeys`: ✔ allowed, ✘ denied. */
  expected: string;
  input?: (world: World) => unknown;
  world?: WorldOptions;
}
interface Skipped {
  skip: string;
}

const everyone = '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔';
const signedIn = '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✘';
const everyActiveUser = '✔ ✔ ✔ ✔ ✔ ✔ ✘ ✘';
const projectReaders = '✔ ✔ ✔ ✔ ✔ ✘ ✘ ✘';
const ownersAndAdmin = '✔ ✔ ✔ ✘ ✘ ✘ ✘ ✘';
const adminOnly = '✔ ✘ ✘ ✘ ✘ ✘ ✘ ✘';
const projectMembers = '✘ ✔ ✔ ✔ ✔ ✘ ✘ ✘';
/** Admins and members of the group read (the group Member belongs to `memberGroup`). */
const groupReaders = '✔ ✘ ✘ ✘ ✔ ✘ ✘ ✘';

const page = { limit: 10 };
const config = defaultAppConfig('local');

// Routers load on first use (ADR 023); the cases are written for every procedure there is.
const appRouter = await withEveryRouterLoaded();

const cases: Record<string, Case | Skipped> = {
  'system.publicSettings': { expected: everyone },
  'me.get': { expected: signedIn },
  'me.updatePreferences': {
    expected: everyActiveUser,
    input: () => ({ timezone: 'UTC', theme: 'dark', pageSize: 25 }),
  },

  'users.search': { expected: ownersAndAdmin, input: (w) => ({ query: 'u', project: w.project }) },
  'users.list': { expected: adminOnly, input: () => page },
  'users.setSuspended': {
    expected: adminOnly,
    input: (w) => ({ username: w.spareUser, suspended: true }),
  },
  'users.setAdmin': {
    expected: adminOnly,
    input: (w) => ({ username: w.spareUser, isAdmin: true }),
  },
  'users.signOutEverywhere': {
    expected: adminOnly,
    input: (w) => ({ username: w.spareUser }),
  },
  'users.get': { expected: adminOnly, input: (w) => ({ username: w.spareUser }) },

  // API tokens (api-tokens.integration.test.ts covers each token rule).
  'apiTokens.create': {
    expected: everyActiveUser,
    input: () => ({ name: 'authorization', scope: 'read', expiresInDays: 1 }),
  },
  'apiTokens.mine': { expected: everyActiveUser, input: () => page },
  'apiTokens.limits': { expected: everyActiveUser },
  'apiTokens.revoke': { expected: everyActiveUser, input: () => ({ id: '0123456789abcdef' }) },
  'apiTokens.list': { expected: adminOnly, input: () => page },
  'apiTokens.adminRevoke': { expected: adminOnly, input: () => ({ id: '0123456789abcdef' }) },
  // A notebook proves its IAM role instead (notebook-credentials.integration.test.ts); locally the
  // exchange is unavailable to everyone.
  'notebookCredentials.exchange': {
    expected: everyone,
    input: () => ({
      notebook: 'nb1',
      request: { url: 'https://sts.amazonaws.com/', method: 'POST', headers: {}, body: '' },
    }),
  },
  'users.delete': { expected: adminOnly, input: (w) => ({ username: w.spareUser }) },

  'projects.create': {
    expected: everyActiveUser,
    input: (w) => ({ name: w.newName, description: 'New' }),
  },
  'projects.mine': { expected: everyActiveUser, input: () => page },
  'projects.listAll': { expected: adminOnly, input: () => page },
  'projects.deletions': { expected: adminOnly, input: () => page },
  'projects.get': { expected: projectReaders, input: (w) => ({ name: w.project }) },
  'projects.update': {
    expected: ownersAndAdmin,
    input: (w) => ({ name: w.project, description: 'Changed' }),
  },
  'projects.suspend': { expected: ownersAndAdmin, input: (w) => ({ name: w.project }) },
  'projects.reinstate': {
    expected: ownersAndAdmin,
    input: (w) => ({ name: w.project }),
    world: { suspendedProject: true },
  },
  'projects.delete': {
    expected: ownersAndAdmin,
    input: (w) => ({ name: w.project }),
    world: { suspendedProject: true },
  },
  'projects.members.list': {
    expected: projectReaders,
    input: (w) => ({ project: w.project, ...page }),
  },
  'projects.members.add': {
    expected: ownersAndAdmin,
    input: (w) => ({ project: w.project, usernames: [w.spareUser], role: 'member' }),
  },
  'projects.members.setRole': {
    expected: ownersAndAdmin,
    input: (w) => ({ project: w.project, username: w.member, role: 'owner' }),
  },
  'projects.members.remove': {
    expected: ownersAndAdmin,
    input: (w) => ({ project: w.project, username: w.member }),
  },
  'projects.members.leave': { expected: projectMembers, input: (w) => ({ project: w.project }) },
  'projects.groups.list': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  'projects.groups.link': {
    expected: ownersAndAdmin,
    input: (w) => ({ project: w.project, group: w.spareGroup, role: 'member' }),
  },
  'projects.groups.setRole': {
    expected: ownersAndAdmin,
    input: (w) => ({ project: w.project, group: w.memberGroup, role: 'owner' }),
  },
  'projects.groups.unlink': {
    expected: ownersAndAdmin,
    input: (w) => ({ project: w.project, group: w.memberGroup }),
  },

  'groups.create': { expected: adminOnly, input: (w) => ({ name: w.newName, description: 'New' }) },
  'groups.update': {
    expected: adminOnly,
    input: (w) => ({ name: w.memberGroup, description: 'Changed' }),
  },
  'groups.delete': { expected: adminOnly, input: (w) => ({ name: w.memberGroup }) },
  'groups.addMembers': {
    expected: adminOnly,
    input: (w) => ({ name: w.memberGroup, usernames: [w.spareUser] }),
  },
  'groups.removeMember': {
    expected: adminOnly,
    input: (w) => ({ name: w.ownerGroup, username: w.spareUser }),
  },
  'groups.listAll': { expected: adminOnly, input: () => page },
  'groups.mine': { expected: everyActiveUser },
  'groups.get': { expected: groupReaders, input: (w) => ({ name: w.memberGroup }) },
  'groups.members': { expected: groupReaders, input: (w) => ({ name: w.memberGroup, ...page }) },
  'groups.history': { expected: groupReaders, input: (w) => ({ name: w.memberGroup, ...page }) },
  'groups.projects': { expected: groupReaders, input: (w) => ({ name: w.memberGroup }) },

  'audit.list': { expected: adminOnly, input: () => page },

  // Cost controls (cost-controls.integration.test.ts covers the override rule per switch).
  'projects.costControls': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  'projects.updateCostControls': {
    expected: ownersAndAdmin,
    input: (w) => ({ project: w.project, ...noCostControls }),
  },
  // Usage and budgets (usage.integration.test.ts covers metering, warnings and the hard stop).
  'usage.project': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  'usage.csv': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  'usage.budgetBanner': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  'usage.all': { expected: adminOnly, input: () => ({}) },
  'usage.setBudget': {
    expected: ownersAndAdmin,
    input: (w) => ({ project: w.project, budget: null }),
  },
  // Quotas (quotas.integration.test.ts covers admission under them).
  'projects.quotas': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  'projects.setQuotas': {
    expected: adminOnly,
    input: (w) => ({
      project: w.project,
      overrides: { project: { notebooks: 10 }, perUser: {}, instancesPerFamily: {} },
    }),
  },
  'resources.schedule': {
    expected: projectReaders,
    input: (w) => ({ kind: 'endpoint', name: w.mlResource }),
  },
  'resources.running': {
    expected: projectReaders,
    input: (w) => ({ project: w.project, ...page }),
  },
  'resources.mineRunning': { expected: everyActiveUser, input: () => page },
  'resources.counts': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  // The endpoint's creator is the direct Member and the project allows no override: owners and admins only.
  'resources.reschedule': {
    expected: ownersAndAdmin,
    input: (w) => ({ kind: 'endpoint', name: w.mlResource, terminateAt: null }),
  },
  // Scoped to the world's project: a system report reads every resource the shared table has
  // gathered from every case, which took over 30 s under load.
  'reports.generate': {
    expected: adminOnly,
    input: (w) => ({ report: 'resources', scope: 'project', targets: [w.project] }),
  },
  'reports.list': { expected: adminOnly, input: () => page },
  'reports.download': {
    expected: adminOnly,
    input: () => ({ name: 'mlspace-report-20260101T000000Z-0000.csv' }),
  },
  'reports.delete': {
    expected: adminOnly,
    input: () => ({ name: 'mlspace-report-20260101T000000Z-0000.csv' }),
  },

  'config.public': { expected: everyone },
  'config.get': { expected: adminOnly },
  'config.update': {
    expected: adminOnly,
    input: () => ({ expectedVersion: 0, reason: 'authorization test', config }),
  },
  'config.history': { expected: adminOnly, input: () => page },
  'config.version': { expected: adminOnly, input: () => ({ version: 0 }) },
  'config.rollback': { expected: adminOnly, input: () => ({ toVersion: 0, expectedVersion: 0 }) },
  'config.export': { expected: adminOnly },
  'config.import': {
    expected: adminOnly,
    input: () => ({ expectedVersion: 0, reason: 'authorization test', document: config }),
  },
  'config.deployment': { expected: adminOnly },
  'config.foundationModels': { expected: adminOnly },

  // ML resources: creation needs a project role (admins too); reads need membership. Procedures on
  // one named resource need a registered resource: ml-resources.integration.test.ts covers them.
  ...mlResourceCases(),
  ...datasetCases(),
  ...translationCases(),

  // The playground: members converse (admins too only as members), owners and admins see usage.
  'playground.options': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  'playground.converse': {
    expected: projectMembers,
    input: (w) => ({
      project: w.project,
      source: { kind: 'endpoint', endpoint: w.mlResource },
      messages: [{ role: 'user', content: 'hello' }],
    }),
  },
  'playground.usage': { expected: ownersAndAdmin, input: (w) => ({ project: w.project }) },
  'playground.usageReport': { expected: adminOnly, input: () => ({ month: '2026-01' }) },

  'notebooks.create': {
    expected: projectMembers,
    input: (w) => ({
      project: w.project,
      name: w.newName,
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    }),
  },
  'notebooks.list': { expected: projectReaders, input: (w) => ({ project: w.project, ...page }) },
  'notebooks.mine': { expected: everyActiveUser, input: () => page },
  'notebooks.options': { expected: projectReaders, input: (w) => ({ project: w.project }) },
  // One named notebook, `mlResource`, created by the direct Member: only its creator starts or opens it.
  'notebooks.get': { expected: projectReaders, input: (w) => ({ name: w.mlResource }) },
  'notebooks.logs': { expected: projectReaders, input: (w) => ({ name: w.mlResource }) },
  'notebooks.update': {
    expected: '✔ ✔ ✔ ✔ ✘ ✘ ✘ ✘',
    input: (w) => ({ name: w.mlResource, volumeSizeGb: 6 }),
  },
  'notebooks.stop': { expected: '✔ ✔ ✔ ✔ ✘ ✘ ✘ ✘', input: (w) => ({ name: w.mlResource }) },
  'notebooks.delete': { expected: '✔ ✔ ✔ ✔ ✘ ✘ ✘ ✘', input: (w) => ({ name: w.mlResource }) },
  'notebooks.start': { expected: '✘ ✘ ✘ ✔ ✘ ✘ ✘ ✘', input: (w) => ({ name: w.mlResource }) },
  'notebooks.open': { expected: '✘ ✘ ✘ ✔ ✘ ✘ ✘ ✘', input: (w) => ({ name: w.mlResource }) },
  'notebooks.reportIdle': {
    expected: '✔ ✔ ✔ ✔ ✘ ✘ ✘ ✘',
    input: (w) => ({ name: w.mlResource, stopsAt: null }),
  },
};

function mlResourceCases(): Record<string, Case | Skipped> {
  // Locations inside the project's own output folder, so the data-plane gate lets members through.
  const definition = (w: World) => ({
    algorithm: { kind: 'builtin', name: 'xgboost' },
    inputs: [{ name: 'train', s3Uri: `s3://mlspace-data/project/${w.project}/x/` }],
    outputS3Uri: `s3://mlspace-data/project/${w.project}/out`,
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 60,
  });
  const cases: Record<string, Case | Skipped> = {
    'training.algorithms': { expected: everyActiveUser },
    'training.create': {
      expected: projectMembers,
      input: (w) => ({ project: w.project, name: w.newName, ...definition(w) }),
    },
    'tuning.create': {
      expected: projectMembers,
      input: (w) => ({
        project: w.project,
        name: w.newName,
        strategy: 'Random',
        objective: { metricName: 'train:rmse', type: 'Minimize' },
        ranges: [{ name: 'eta', type: 'Continuous', min: '0.1', max: '0.5' }],
        maxJobs: 2,
        maxParallelJobs: 1,
        training: definition(w),
      }),
    },
    'transform.create': {
      expected: projectMembers,
      input: (w) => ({
        project: w.project,
        name: w.newName,
        modelName: 'm1',
        inputS3Uri: `s3://mlspace-data/project/${w.project}/in/`,
        outputS3Uri: `s3://mlspace-data/project/${w.project}/out/`,
        instanceType: 'ml.m5.large',
      }),
    },
    'models.create': {
      expected: projectMembers,
      input: (w) => ({
        project: w.project,
        name: w.newName,
        modelDataS3Uri: `s3://mlspace-data/project/${w.project}/out/model.tar.gz`,
      }),
    },
    'endpointConfigs.create': {
      expected: projectMembers,
      input: (w) => ({
        project: w.project,
        name: w.newName,
        variants: [
          {
            variantName: 'AllTraffic',
            modelName: 'm1',
            instanceType: 'ml.m5.large',
            initialInstanceCount: 1,
          },
        ],
      }),
    },
    'endpoints.create': {
      expected: projectMembers,
      input: (w) => ({ project: w.project, name: w.newName, endpointConfigName: 'c1' }),
    },
  };
  // Named procedures act on `mlResource`, created by the direct member: readers may read and
  // invoke; its creator, owners and admins may stop, update and delete (the compute backend is
  // unavailable here, so an allowed call ends PRECONDITION_FAILED after the policy said yes).
  const creatorOwnersAndAdmin = '✔ ✔ ✔ ✔ ✘ ✘ ✘ ✘';
  const byName = (w: World) => ({ name: w.mlResource });
  for (const router of [
    'training',
    'tuning',
    'transform',
    'models',
    'endpointConfigs',
    'endpoints',
  ]) {
    cases[`${router}.list`] = {
      expected: projectReaders,
      input: (w) => ({ project: w.project, ...page }),
    };
    cases[`${router}.mine`] = { expected: everyActiveUser, input: () => page };
    cases[`${router}.get`] = { expected: projectReaders, input: byName };
    cases[`${router}.logs`] = { expected: projectReaders, input: byName };
    cases[`${router}.stop`] = { expected: creatorOwnersAndAdmin, input: byName };
    cases[`${router}.delete`] = { expected: creatorOwnersAndAdmin, input: byName };
  }
  // A job's output folder: read with the job, and only through the storage gate (members).
  for (const router of ['training', 'transform']) {
    cases[`${router}.outputs`] = { expected: projectReaders, input: byName };
    cases[`${router}.outputUrl`] = {
      expected: projectReaders,
      input: (w) => ({ name: w.mlResource, path: 'output/model.tar.gz' }),
    };
  }
  cases['endpoints.update'] = {
    expected: creatorOwnersAndAdmin,
    input: (w) => ({ name: w.mlResource, endpointConfigName: w.mlResource }),
  };
  cases['endpoints.invoke'] = {
    expected: projectReaders,
    input: (w) => ({ name: w.mlResource, contentType: 'text/csv', body: '1,2' }),
  };
  for (const router of ['training', 'tuning', 'transform', 'endpointConfigs']) {
    cases[`${router}.options`] = {
      expected: projectReaders,
      input: (w) => ({ project: w.project }),
    };
  }
  // Labeling jobs: readers see a job, its gallery and template; members create; its creator,
  // owners and admins stop it. Queues, tasks and answers are the job's workers' (a second check,
  // after these: here no tool is configured, so an allowed call ends PRECONDITION_FAILED).
  cases['labeling.list'] = {
    expected: projectReaders,
    input: (w) => ({ project: w.project, ...page }),
  };
  cases['labeling.mine'] = { expected: everyActiveUser, input: () => page };
  cases['labeling.options'] = { expected: projectReaders, input: (w) => ({ project: w.project }) };
  cases['labeling.create'] = {
    expected: projectMembers,
    input: (w) => ({
      project: w.project,
      name: w.newName,
      taskType: 'ImageMultiClass',
      input: { kind: 'files', dataset: w.project, files: ['a.png'] },
      outputDataset: w.project,
      labels: ['cat'],
      shortInstruction: 'Pick the animal',
      workers: [w.member],
      workersPerObject: 1,
      taskTimeLimitSeconds: 60,
    }),
  };
  for (const procedure of ['get', 'objects', 'queue', 'template'])
    cases[`labeling.${procedure}`] = { expected: projectReaders, input: byName };
  cases['labeling.stop'] = { expected: creatorOwnersAndAdmin, input: byName };
  cases['labeling.task'] = {
    expected: projectReaders,
    input: (w) => ({ name: w.mlResource, index: 0 }),
  };
  cases['labeling.submit'] = {
    expected: projectReaders,
    input: (w) => ({ name: w.mlResource, index: 0, annotation: { kind: 'class', label: 0 } }),
  };
  // Clusters: readers see them and their logs, members create; only members (admins too must be
  // one) learn where a cluster takes work; its creator, owners and admins terminate and remove it.
  cases['clusters.list'] = {
    expected: projectReaders,
    input: (w) => ({ project: w.project, ...page }),
  };
  cases['clusters.mine'] = { expected: everyActiveUser, input: () => page };
  cases['clusters.options'] = { expected: projectReaders, input: (w) => ({ project: w.project }) };
  cases['clusters.create'] = {
    expected: projectMembers,
    input: (w) => ({ project: w.project, name: w.newName, clusterType: 'Small' }),
  };
  cases['clusters.get'] = { expected: projectReaders, input: byName };
  cases['clusters.logs'] = { expected: projectReaders, input: byName };
  cases['clusters.connection'] = { expected: projectMembers, input: byName };
  cases['clusters.terminate'] = { expected: creatorOwnersAndAdmin, input: byName };
  cases['clusters.remove'] = { expected: creatorOwnersAndAdmin, input: byName };
  const procedures = new Set(Object.keys(appRouter._def.procedures));
  return Object.fromEntries(Object.entries(cases).filter(([path]) => procedures.has(path)));
}

const businessRuleCodes = new Set(['BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED']);

let services: ApiServices;
let people: Record<Exclude<PersonaKey, 'anonymous'> | 'coOwner', UserView>;
let sequence = 0;
let checked = 0;
let skipped = 0;

beforeAll(async () => {
  services = await createTestServices();
  const db = services.db;
  people = {
    admin: await signedUpUser(db, { admin: true, username: 'ada' }),
    owner: await signedUpUser(db, { username: 'olivia' }),
    coOwner: await signedUpUser(db, { username: 'otto' }),
    groupOwner: await signedUpUser(db, { username: 'gordon' }),
    member: await signedUpUser(db, { username: 'mia' }),
    groupMember: await signedUpUser(db, { username: 'gemma' }),
    outsider: await signedUpUser(db, { username: 'oscar' }),
    suspended: await signedUpUser(db, { username: 'sam', suspended: true }),
  };
});

afterAll(() => {
  console.log(
    `authorization: checked ${checked} cases (${personaKeys.length} personas), skipped ${skipped} procedures`,
  );
});

async function buildWorld(options: WorldOptions = {}): Promise<World> {
  const db = services.db;
  const n = (sequence += 1);
  const world: World = {
    project: `forecasting${n}`,
    memberGroup: `research${n}`,
    ownerGroup: `leads${n}`,
    spareGroup: `spare${n}`,
    spareUser: `tina${n}`,
    member: people.member.username,
    newName: `created${n}`,
    mlResource: `ml${n}`,
  };
  const setup = 'setup';
  await db.projects.create({
    name: world.project,
    description: 'Fixture',
    createdBy: people.owner.username,
  });
  await Promise.all([
    db.membership.addUsers(world.project, [people.coOwner.username], 'owner', setup),
    signedUpUser(db, { username: world.spareUser }),
    db.groups.create({ name: world.memberGroup, description: '', createdBy: setup }),
    db.groups.create({ name: world.ownerGroup, description: '', createdBy: setup }),
    db.groups.create({ name: world.spareGroup, description: '', createdBy: setup }),
  ]);
  await Promise.all([
    db.membership.addUsers(
      world.project,
      [people.member.username, people.suspended.username],
      'member',
      setup,
    ),
    db.groups.addMembers(world.memberGroup, [people.groupMember.username], setup),
    db.groups.addMembers(world.ownerGroup, [people.groupOwner.username, world.spareUser], setup),
    db.membership.linkGroup(world.project, world.memberGroup, 'member', setup),
    db.membership.linkGroup(world.project, world.ownerGroup, 'owner', setup),
  ]);
  // A project dataset named like the project, created by the direct Member (see authorization-dataset-cases.ts).
  await db.datasets.create({
    scope: 'project',
    scopeId: world.project,
    name: world.project,
    description: '',
    type: 'tabular',
    groups: [],
    createdBy: people.member.username,
  });
  await Promise.all(
    (
      [
        'notebook',
        'trainingJob',
        'hpoJob',
        'transformJob',
        'model',
        'endpointConfig',
        'endpoint',
        'labelingJob',
        'batchTranslateJob',
        'emrCluster',
      ] as const
    ).map((kind) =>
      db.resources.register(
        {
          kind,
          name: world.mlResource,
          project: world.project,
          owner: world.member,
          status: 'Created',
        },
        setup,
      ),
    ),
  );
  if (options.suspendedProject) await db.projects.suspend(world.project, setup);
  return world;
}

type Outcome = { allowed: boolean; detail: string };

async function call(path: string, persona: PersonaKey, input: unknown): Promise<Outcome> {
  const user = persona === 'anonymous' ? null : people[persona];
  let target: unknown = callerFor(services, user);
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  try {
    await (target as (input: unknown) => Promise<unknown>)(input);
    return { allowed: true, detail: 'ok' };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const detail = `${error.code}: ${error.message}`;
    if (businessRuleCodes.has(error.code)) return { allowed: true, detail };
    const denialCode = persona === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN';
    if (error.code === denialCode) return { allowed: false, detail };
    throw new Error(`${path} as ${personaLabels[persona]} failed with ${detail}`, { cause: error });
  }
}

const procedures = Object.keys(appRouter._def.procedures).sort();

test('every procedure of the app router has an authorization case', () => {
  const missing = procedures.filter((path) => !(path in cases));
  const stale = Object.keys(cases).filter((path) => !procedures.includes(path));
  expect({ missing, stale }).toEqual({ missing: [], stale: [] });
});

test.each(procedures)('%s: who may call it', async (path) => {
  const entry = cases[path];
  if (!entry) throw new Error(`No authorization case for ${path}: add one to cases`);
  if ('skip' in entry) {
    skipped += 1;
    console.log(`authorization: skipped ${path}: ${entry.skip}`);
    return;
  }
  const outcomes = await Promise.all(
    personaKeys.map(async (persona) => {
      const world = await buildWorld(entry.world);
      return call(path, persona, entry.input?.(world));
    }),
  );
  checked += outcomes.length;
  const actual = outcomes.map((outcome) => (outcome.allowed ? '✔' : '✘')).join(' ');
  const details = personaKeys.map(
    (persona, index) => `${personaLabels[persona]}: ${outcomes[index]?.detail}`,
  );
  expect({ path, row: actual, details }).toEqual({ path, row: entry.expected, details });
});
