/**
 * The data-plane gate (issue 11): every storage location a procedure accepts is resolved to a
 * dataset or a project's output area and checked with the dataset policy, before any backend sees
 * it. The defect it guards against: carol, owner of project B and outsider to project A, created a
 * training job in B that read alice's private dataset and wrote its model into A's dataset.
 */
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { beforeAll, describe, expect, test } from 'vitest';

import {
  DomainError,
  createComputeEventBus,
  type ComputeBackend,
  type ModelBackend,
  type TrainingJobBackend,
  type UserView,
} from '@mlspace/core';

import { createContextInner } from '../src/context';
import { appRouter } from '../src/root';
import type { ApiServices } from '../src/services';
import { groupDatasetPrefixes } from '../src/services/group-dataset-prefixes';
import { assertStorageLocations } from '../src/services/storage-gate';
import { callerFor, createTestServices, signedUpUser } from './harness';

let services: ApiServices;
let bucket: string;
const users: Record<string, UserView> = {};

/** What reached the backend, per kind: a refused location must never appear here. */
const reached: { kind: string; request: unknown }[] = [];
/** Training jobs the fake backend reports as completed, with their artefact. */
const completedJobs = new Map<string, string>();

function recordingCompute(): ComputeBackend {
  const accept =
    (kind: string, status: string) =>
    async (request: { name: string }): Promise<never> => {
      reached.push({ kind, request });
      return { name: request.name, status, metadata: {} } as never;
    };
  const trainingJobs = {
    create: accept('trainingJob', 'InProgress'),
    describe: async (name: string) =>
      completedJobs.has(name)
        ? {
            name,
            status: 'Completed',
            modelArtifactsS3Uri: completedJobs.get(name),
            metrics: [],
            metadata: {},
          }
        : null,
  } as unknown as TrainingJobBackend;
  const models = { create: accept('model', 'Created') } as unknown as ModelBackend;
  return {
    name: 'local',
    events: createComputeEventBus(),
    notebooks: {} as ComputeBackend['notebooks'],
    trainingJobs,
    tuningJobs: { create: accept('hpoJob', 'InProgress') } as never,
    transformJobs: { create: accept('transformJob', 'InProgress') } as never,
    models,
    endpointConfigs: { create: accept('endpointConfig', 'Created') } as never,
    shutdown: async () => {},
  };
}

beforeAll(async () => {
  services = await createTestServices({ compute: recordingCompute() });
  bucket = services.settings.s3.dataBucket;
  const { db } = services;
  for (const username of ['alice', 'carol', 'bob', 'erin', 'dan'])
    users[username] = await signedUpUser(db, { username });
  users.admin = await signedUpUser(db, { username: 'root', admin: true });
  // Project A: alice's. Project B: carol's, with bob, erin, alice and the admin as members.
  await db.projects.create({ name: 'projA', description: '', createdBy: 'alice' });
  await db.projects.create({ name: 'projB', description: '', createdBy: 'carol' });
  await db.membership.addUsers('projB', ['bob', 'erin', 'alice', 'root'], 'member', 'carol');
  // bob and dan share `shared`; erin and dan are in `other`; only dan is in `third`.
  for (const [group, members] of [
    ['shared', ['bob', 'dan']],
    ['other', ['erin', 'dan']],
    ['third', ['dan']],
  ] as const) {
    await db.groups.create({ name: group, description: '', createdBy: 'root' });
    await db.groups.addMembers(group, members, 'root');
  }
  const dataset = (
    scope: 'global' | 'project' | 'private' | 'group',
    scopeId: string,
    name: string,
    createdBy: string,
    groups: string[] = [],
  ) =>
    db.datasets.create({
      scope,
      scopeId,
      name,
      description: '',
      type: 'tabular',
      groups,
      createdBy,
    });
  await dataset('project', 'projA', 'adata', 'alice');
  await dataset('project', 'projB', 'bdata', 'carol');
  await dataset('global', 'global', 'iris', 'alice');
  await dataset('group', 'group', 'shareddata', 'dan', ['shared']);
  await dataset('group', 'group', 'thirddata', 'dan', ['third']);
  for (const username of ['alice', 'carol', 'bob', 'erin', 'root'])
    await dataset('private', username, 'notes', username);
});

type Persona = 'carol' | 'bob' | 'erin' | 'alice' | 'admin';
const personas: Persona[] = ['carol', 'bob', 'erin', 'alice', 'admin'];
const personaLabels: Record<Persona, string> = {
  carol: 'the owner of B (outsider to A)',
  bob: 'a member of B in the group `shared`',
  erin: 'a member of B in the group `other` only',
  alice: 'a member of B who owns A and created the private dataset',
  admin: 'an admin who is a member of B but not of A',
};

interface LocationCase {
  label: string;
  /** The location, for the persona asking (its own private dataset differs per persona). */
  uri: (persona: Persona) => string;
  read: Persona[] | 'nobody';
  write: Persona[] | 'nobody';
}

const everyone = personas;
const locations = (): LocationCase[] => [
  {
    label: "B's own dataset",
    uri: () => `s3://${bucket}/project/projB/datasets/bdata/train/`,
    read: everyone,
    write: everyone,
  },
  {
    label: "B's own dataset named without a trailing slash",
    uri: () => `s3://${bucket}/project/projB/datasets/bdata`,
    read: everyone,
    write: everyone,
  },
  {
    label: "project A's dataset",
    uri: () => `s3://${bucket}/project/projA/datasets/adata/`,
    read: ['alice', 'admin'],
    write: 'nobody',
  },
  {
    label: 'the caller’s own private dataset',
    uri: (persona) => `s3://${bucket}/private/${users[persona]!.username}/datasets/notes/`,
    read: everyone,
    write: 'nobody',
  },
  {
    label: "alice's private dataset",
    uri: () => `s3://${bucket}/private/alice/datasets/notes/`,
    read: ['alice', 'admin'],
    write: 'nobody',
  },
  {
    label: 'a global dataset',
    uri: () => `s3://${bucket}/global/datasets/iris/iris.csv`,
    read: everyone,
    write: 'nobody',
  },
  {
    label: 'a group dataset shared with `shared`',
    uri: () => `s3://${bucket}/group/datasets/shareddata/`,
    read: ['bob', 'admin'],
    write: 'nobody',
  },
  {
    label: "a group dataset shared only with `third` (none of the callers' groups)",
    uri: () => `s3://${bucket}/group/datasets/thirddata/`,
    read: ['admin'],
    write: 'nobody',
  },
  {
    label: "B's own output folder",
    uri: () => `s3://${bucket}/project/projB/training-output`,
    read: everyone,
    write: everyone,
  },
  {
    label: "project A's output folder",
    uri: () => `s3://${bucket}/project/projA/training-output/job/output/model.tar.gz`,
    read: ['alice'],
    write: 'nobody',
  },
  {
    label: 'another bucket',
    uri: () => 's3://someone-elses-bucket/project/projB/datasets/bdata/',
    read: 'nobody',
    write: 'nobody',
  },
  {
    label: 'the bucket root',
    uri: () => `s3://${bucket}/`,
    read: 'nobody',
    write: 'nobody',
  },
  {
    label: "a dataset path climbing with .. into alice's private dataset",
    uri: () => `s3://${bucket}/project/projB/datasets/bdata/../../../private/alice/datasets/notes/`,
    read: 'nobody',
    write: 'nobody',
  },
  {
    label: 'the same climb percent-encoded',
    uri: () =>
      `s3://${bucket}/project/projB/datasets/bdata/%2E%2E/%2e%2e/%2e%2e/private/alice/datasets/notes/`,
    read: 'nobody',
    write: 'nobody',
  },
  {
    label: 'an unknown prefix',
    uri: () => `s3://${bucket}/reports/usage.csv`,
    read: 'nobody',
    write: 'nobody',
  },
  {
    label: 'a dataset of B that does not exist',
    uri: () => `s3://${bucket}/project/projB/datasets/nothing/`,
    read: 'nobody',
    write: 'nobody',
  },
];

async function outcome(
  persona: Persona,
  uri: string,
  access: 'read' | 'write',
): Promise<'allowed' | DomainError> {
  const field = access === 'read' ? 'inputs.0.s3Uri' : 'outputS3Uri';
  try {
    const [resolved] = await assertStorageLocations(services, users[persona]!, 'projB', [
      { field, uri, access },
    ]);
    expect(resolved).toMatch(new RegExp(`^s3://${bucket}/`));
    return 'allowed';
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

describe('persona x location x direction', () => {
  for (const location of locations()) {
    for (const access of ['read', 'write'] as const) {
      const allowedFor = location[access];
      test(`a job in project B may ${access} ${location.label} only for ${
        allowedFor === 'nobody' ? 'nobody' : allowedFor.join(', ')
      }`, async () => {
        const field = access === 'read' ? 'inputs.0.s3Uri' : 'outputS3Uri';
        for (const persona of personas) {
          const result = await outcome(persona, location.uri(persona), access);
          const expected = allowedFor !== 'nobody' && allowedFor.includes(persona);
          const verdict = result === 'allowed' ? 'allowed' : `refused: ${result.message}`;
          expect(
            { persona: personaLabels[persona], allowed: result === 'allowed' },
            verdict,
          ).toEqual({ persona: personaLabels[persona], allowed: expected });
          if (result !== 'allowed') {
            expect(result.field).toBe(field);
            expect(result.message.startsWith(`${field}: `)).toBe(true);
          }
        }
      });
    }
  }
});

describe('refusals say why without revealing what exists', () => {
  test('a missing project dataset and an existing one the caller may not read get the same FORBIDDEN', async () => {
    const missing = await outcome(
      'carol',
      `s3://${bucket}/project/projA/datasets/nothing/`,
      'read',
    );
    const hidden = await outcome('carol', `s3://${bucket}/project/projA/datasets/adata/`, 'read');
    expect(missing).toBeInstanceOf(DomainError);
    expect((missing as DomainError).name).toBe('ForbiddenError');
    expect((hidden as DomainError).name).toBe('ForbiddenError');
  });

  test("a missing private dataset of someone else is FORBIDDEN, a missing one of one's own NOT_FOUND", async () => {
    const theirs = await outcome('carol', `s3://${bucket}/private/alice/datasets/nope/`, 'read');
    const mine = await outcome('carol', `s3://${bucket}/private/carol/datasets/nope/`, 'read');
    expect((theirs as DomainError).name).toBe('ForbiddenError');
    expect((mine as DomainError).name).toBe('NotFoundError');
  });

  test("another project's output folder reads the same whether or not the project exists", async () => {
    const real = await outcome('carol', `s3://${bucket}/project/projA/training-output/`, 'read');
    const made = await outcome('carol', `s3://${bucket}/project/Nope/training-output/`, 'read');
    expect((real as DomainError).rule.replace('project projA', 'project X')).toBe(
      (made as DomainError).rule.replace('project Nope', 'project X'),
    );
  });

  test('a write into another project names the rule: outputs stay in the project', async () => {
    const refused = await outcome('alice', `s3://${bucket}/project/projA/datasets/adata/`, 'write');
    expect((refused as DomainError).message).toBe(
      `outputS3Uri: a resource of project projB writes only into datasets of project projB or its output folder (s3://<bucket>/project/projB/<folder>/)`,
    );
  });
});

describe('a location must be spelled as what it names is stored', () => {
  // Records are found case-insensitively, S3 keys are not: `project/PROJB/…` would pass the policy
  // as project projB yet name a prefix no deletion cascade empties, so files could outlive the project.
  test.each([
    ['a member reading its own output folder in capitals', 'bob', 'project/PROJB/training-output/'],
    ['a member reading its own dataset in capitals', 'bob', 'project/projB/datasets/BDATA/'],
    [
      'the creator reading their private dataset in capitals',
      'alice',
      'private/ALICE/datasets/notes/',
    ],
  ] as const)('%s is refused, naming the stored spelling', async (_label, persona, key) => {
    const refused = await outcome(persona, `s3://${bucket}/${key}`, 'read');
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).message).toMatch(/^inputs\.0\.s3Uri: /);
  });

  test('the stored spelling itself is allowed', async () => {
    expect(await outcome('bob', `s3://${bucket}/project/projB/training-output/`, 'read')).toBe(
      'allowed',
    );
  });
});

/** carol's reproduction, through every procedure that takes a location. */
describe("carol's reproduction is refused by every procedure", () => {
  const alicesPrivate = () => `s3://${bucket}/private/alice/datasets/notes/`;
  const intoA = () => `s3://${bucket}/project/projA/datasets/adata/`;
  const definition = () => ({
    algorithm: { kind: 'builtin' as const, name: 'xgboost' },
    inputs: [{ name: 'train', s3Uri: `s3://${bucket}/project/projB/datasets/bdata/` }],
    outputS3Uri: `s3://${bucket}/project/projB/training-output`,
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 60,
  });

  async function refusedField(attempt: Promise<unknown>): Promise<string> {
    const before = reached.length;
    const error = await attempt.then(
      () => {
        throw new Error('the procedure accepted the location');
      },
      (caught: unknown) => caught,
    );
    expect(reached.length, 'nothing reached the backend').toBe(before);
    expect(error).toBeInstanceOf(TRPCError);
    expect(['FORBIDDEN', 'BAD_REQUEST']).toContain((error as TRPCError).code);
    return ((error as TRPCError).cause as DomainError).field ?? '';
  }

  test("a training job in project B cannot read alice's private dataset", async () => {
    const carol = callerFor(services, users.carol!);
    const field = await refusedField(
      carol.training.create({
        project: 'projB',
        name: 'steal',
        ...definition(),
        inputs: [{ name: 'train', s3Uri: alicesPrivate() }],
      }),
    );
    expect(field).toBe('inputs.0.s3Uri');
  });

  test("a training job in project B cannot write its model into project A's dataset", async () => {
    const carol = callerFor(services, users.carol!);
    const field = await refusedField(
      carol.training.create({
        project: 'projB',
        name: 'plant',
        ...definition(),
        outputS3Uri: intoA(),
      }),
    );
    expect(field).toBe('outputS3Uri');
  });

  test("a script-mode training job cannot run an entry point from alice's private dataset", async () => {
    const carol = callerFor(services, users.carol!);
    const field = await refusedField(
      carol.training.create({
        project: 'projB',
        name: 'script',
        ...definition(),
        algorithm: { kind: 'script', entryPointS3Uri: `${alicesPrivate()}train.py` },
      }),
    );
    expect(field).toBe('algorithm.entryPointS3Uri');
  });

  test('a training job cannot point SageMaker at other code through sagemaker_ hyperparameters', async () => {
    const carol = callerFor(services, users.carol!);
    const field = await refusedField(
      carol.training.create({
        project: 'projB',
        name: 'hyper',
        ...definition(),
        hyperParameters: { sagemaker_submit_directory: `"${alicesPrivate()}code.tar.gz"` },
      }),
    );
    expect(field).toBe('hyperParameters.sagemaker_submit_directory');
  });

  test("a tuning job in project B cannot read alice's private dataset or write into A", async () => {
    const carol = callerFor(services, users.carol!);
    const tuning = (training: ReturnType<typeof definition>) => ({
      project: 'projB',
      name: 'tune',
      strategy: 'Random' as const,
      objective: { metricName: 'validation:rmse', type: 'Minimize' as const },
      ranges: [{ name: 'eta', type: 'Continuous' as const, min: '0.1', max: '0.5' }],
      maxJobs: 2,
      maxParallelJobs: 1,
      training,
    });
    expect(
      await refusedField(
        carol.tuning.create(
          tuning({ ...definition(), inputs: [{ name: 'train', s3Uri: alicesPrivate() }] }),
        ),
      ),
    ).toBe('training.inputs.0.s3Uri');
    expect(
      await refusedField(carol.tuning.create(tuning({ ...definition(), outputS3Uri: intoA() }))),
    ).toBe('training.outputS3Uri');
  });

  test("a model in project B cannot take its artefact, code or environment from alice's private dataset", async () => {
    const carol = callerFor(services, users.carol!);
    const model = { project: 'projB', name: 'stolen', image: 'sklearn' };
    expect(
      await refusedField(
        carol.models.create({ ...model, modelDataS3Uri: `${alicesPrivate()}model.tar.gz` }),
      ),
    ).toBe('modelDataS3Uri');
    expect(
      await refusedField(
        carol.models.create({ ...model, inferenceCodeS3Uri: `${alicesPrivate()}inference.py` }),
      ),
    ).toBe('inferenceCodeS3Uri');
    expect(
      await refusedField(
        carol.models.create({
          ...model,
          environment: { SAGEMAKER_SUBMIT_DIRECTORY: `${alicesPrivate()}code.tar.gz` },
        }),
      ),
    ).toBe('environment.SAGEMAKER_SUBMIT_DIRECTORY');
  });

  test('a model cannot be made from a training job whose artefact lies outside what the caller may read', async () => {
    // A job from before the gate, whose output went into alice's private dataset.
    await services.db.resources.register(
      {
        kind: 'trainingJob',
        name: 'legacy',
        project: 'projB',
        owner: 'carol',
        status: 'Completed',
        instanceType: 'ml.m5.large',
        spec: {},
      },
      'carol',
    );
    completedJobs.set('legacy', `${alicesPrivate()}legacy/output/model.tar.gz`);
    const carol = callerFor(services, users.carol!);
    expect(
      await refusedField(
        carol.models.create({ project: 'projB', name: 'fromlegacy', trainingJobName: 'legacy' }),
      ),
    ).toBe('trainingJobName');
  });

  test("a transform job in project B cannot read alice's private dataset or write into A", async () => {
    const carol = callerFor(services, users.carol!);
    await carol.models.create({ project: 'projB', name: 'bmodel', image: 'sklearn' });
    const transform = {
      project: 'projB',
      name: 'batch',
      modelName: 'bmodel',
      inputS3Uri: `s3://${bucket}/project/projB/datasets/bdata/`,
      outputS3Uri: `s3://${bucket}/project/projB/transform-output`,
      instanceType: 'ml.m5.large',
    };
    expect(
      await refusedField(carol.transform.create({ ...transform, inputS3Uri: alicesPrivate() })),
    ).toBe('inputS3Uri');
    expect(await refusedField(carol.transform.create({ ...transform, outputS3Uri: intoA() }))).toBe(
      'outputS3Uri',
    );
  });

  test("an endpoint configuration in project B cannot capture data into project A's dataset", async () => {
    const carol = callerFor(services, users.carol!);
    await carol.models.create({ project: 'projB', name: 'capmodel', image: 'sklearn' });
    const field = await refusedField(
      carol.endpointConfigs.create({
        project: 'projB',
        name: 'capture',
        variants: [
          {
            variantName: 'AllTraffic',
            modelName: 'capmodel',
            instanceType: 'ml.m5.large',
            initialInstanceCount: 1,
          },
        ],
        dataCapture: { s3Uri: intoA(), samplingPercentage: 100 },
      }),
    );
    expect(field).toBe('dataCapture.s3Uri');
  });

  test('an allowed job reaches the backend with canonical locations, never the caller’s text', async () => {
    const carol = callerFor(services, users.carol!);
    await carol.training.create({
      project: 'projB',
      name: 'fine',
      ...definition(),
      inputs: [{ name: 'train', s3Uri: `s3://${bucket}/project/projB/datasets/bdata` }],
    });
    const request = reached.at(-1)!.request as {
      inputs: { s3Uri: string }[];
      outputS3Uri: string;
    };
    expect(request.inputs[0]!.s3Uri).toBe(`s3://${bucket}/project/projB/datasets/bdata/`);
    expect(request.outputS3Uri).toBe(`s3://${bucket}/project/projB/training-output/`);
  });

  test('a refused location reaches the portal as a field error (data.fieldErrors) it can show next to the input', async () => {
    // Through the fetch adapter, so the app's error formatter shapes the answer as the portal gets it.
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      router: appRouter,
      req: new Request('http://localhost/api/trpc/training.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          project: 'projB',
          name: 'steal2',
          ...definition(),
          outputS3Uri: intoA(),
        }),
      }),
      createContext: () =>
        createContextInner(services, {
          caller: { user: users.carol!, via: 'bearer' },
          authError: null,
        }),
    });
    const body = (await response.json()) as {
      error: { data: { code: string; fieldErrors: { path: string; message: string }[] } };
    };
    expect(response.status).toBe(403);
    expect(body.error.data.code).toBe('FORBIDDEN');
    expect(body.error.data.fieldErrors).toEqual([
      {
        path: 'outputS3Uri',
        message: expect.stringMatching(
          /^a resource of project projB writes only into datasets of project projB/,
        ),
      },
    ]);
  });
});

describe('the same scopes underneath on AWS', () => {
  test("a user's project-user role reaches exactly the group datasets shared with their groups", async () => {
    expect(await groupDatasetPrefixes(services.db, 'bob')).toEqual(['group/datasets/shareddata/']);
    expect(await groupDatasetPrefixes(services.db, 'erin')).toEqual([]);
    expect(await groupDatasetPrefixes(services.db, 'dan')).toEqual([
      'group/datasets/shareddata/',
      'group/datasets/thirddata/',
    ]);
    expect(await groupDatasetPrefixes(services.db, 'carol')).toEqual([]);
  });
});
