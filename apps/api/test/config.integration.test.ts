import { defaultAppConfig } from '@mlspace/core';
import { expect, test } from 'vitest';

import { callerFor, createTestServices, signedUpUser } from './harness';

test('version 0 holds the defaults, and local mode shows the AWS-only services as unavailable', async () => {
  const services = await createTestServices();
  const admin = await signedUpUser(services.db, { admin: true });

  const current = await callerFor(services, admin).config.get();

  expect(current.version).toBe(0);
  expect(current.config).toEqual(defaultAppConfig('local'));
  expect(current.services.find((service) => service.name === 'bedrock')).toMatchObject({
    unavailableReason: 'not available in local mode',
  });
  expect(current.catalogue.find((type) => type.name === 'ml.g4dn.xlarge')).toMatchObject({
    vcpus: 4,
    memoryGiB: 16,
    gpus: 1,
  });
});

test('the banner is readable without a login once an admin enables it', async () => {
  const services = await createTestServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const api = callerFor(services, admin);
  const { config, version } = await api.config.get();

  await api.config.update({
    expectedVersion: version,
    reason: 'Announce maintenance',
    config: {
      ...config,
      banner: {
        enabled: true,
        text: 'Maintenance tonight',
        textColor: '#000000',
        backgroundColor: '#fde68a',
      },
    },
  });
  const anonymous = await callerFor(services, null).system.publicSettings();

  expect(anonymous.banner).toEqual({
    text: 'Maintenance tonight',
    textColor: '#000000',
    backgroundColor: '#fde68a',
  });
  expect(anonymous.services.notebooks).toBe(true);
});

test('two admins saving the same version: the second gets a conflict and the first is kept', async () => {
  const services = await createTestServices();
  const first = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const second = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const loaded = await first.config.get();

  await first.config.update({
    expectedVersion: loaded.version,
    reason: 'one',
    config: { ...loaded.config, services: { ...loaded.config.services, tuning: false } },
  });
  const late = second.config.update({
    expectedVersion: loaded.version,
    reason: 'two',
    config: loaded.config,
  });

  await expect(late).rejects.toMatchObject({
    code: 'CONFLICT',
    message: 'the configuration changed since you loaded it (version 0); reload and reapply',
  });
  expect((await first.config.get()).config.services.tuning).toBe(false);
});

test('history lists who changed what and why, and rollback writes a new version equal to an old one', async () => {
  const services = await createTestServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const api = callerFor(services, admin);
  const v0 = await api.config.get();
  await api.config.update({
    expectedVersion: 0,
    reason: 'Only admins create projects',
    config: { ...v0.config, projectCreation: { mode: 'admins', allowedGroups: [] } },
  });

  const rolledBack = await api.config.rollback({ toVersion: 0, expectedVersion: 1 });
  const history = await api.config.history({ limit: 10 });

  expect(rolledBack).toMatchObject({
    version: 2,
    reason: 'Rollback to version 0',
    config: v0.config,
  });
  expect(history.items.map((item) => [item.version, item.changedBy, item.reason])).toEqual([
    [2, admin.username, 'Rollback to version 0'],
    [1, admin.username, 'Only admins create projects'],
    [0, 'system', 'Initial configuration'],
  ]);
  const audit = await api.audit.list({ limit: 10, targetType: 'config', targetId: 'global' });
  expect(audit.items.map((event) => event.action)).toEqual(
    expect.arrayContaining(['config.updated', 'config.rolled_back']),
  );
});

test('an import names the path of every error and writes nothing', async () => {
  const services = await createTestServices();
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const exported = await api.config.export();
  const broken = {
    ...exported,
    config: {
      ...exported.config,
      instanceTypes: { ...exported.config.instanceTypes, training: ['ml.bogus'] },
      banner: { ...exported.config.banner, enabled: 'yes' },
    },
  };

  await expect(
    api.config.import({ expectedVersion: 0, reason: 'import', document: broken }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringMatching(
      /instanceTypes\.training\.0: ml\.bogus is not a SageMaker instance type.*banner\.enabled/,
    ),
  });
  expect((await api.config.get()).version).toBe(0);
  await api.config.import({ expectedVersion: 0, reason: 'restore export', document: exported });
  expect((await api.config.get()).version).toBe(1);
});

test('a deactivated service refuses, and an instance type that is not allowed is refused naming the allowed ones', async () => {
  const services = await createTestServices();
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const { config } = await api.config.get();
  await api.config.update({
    expectedVersion: 0,
    reason: 'Tighten',
    config: {
      ...config,
      services: { ...config.services, training: false },
      instanceTypes: { ...config.instanceTypes, notebook: ['ml.t3.medium', 'ml.t3.large'] },
    },
  });

  await expect(services.configService.assertServiceActive('training')).rejects.toThrow(
    'Training jobs is deactivated by your administrator',
  );
  await expect(services.configService.assertServiceActive('bedrock')).rejects.toThrow(
    'Bedrock is not available in local mode',
  );
  await expect(
    services.configService.assertInstanceTypeAllowed('notebook', 'ml.m5.xlarge'),
  ).rejects.toThrow(
    'instanceType: ml.m5.xlarge is not allowed for notebook instances; allowed: ml.t3.medium, ml.t3.large',
  );
  await expect(
    services.configService.assertInstanceTypeAllowed('notebook', 'ml.t3.large'),
  ).resolves.toBeUndefined();
});

test('project creation follows the policy: admins only, then allowed groups', async () => {
  const services = await createTestServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const alice = await signedUpUser(services.db);
  const api = callerFor(services, admin);
  const { config } = await api.config.get();
  await api.config.update({
    expectedVersion: 0,
    reason: 'admins',
    config: { ...config, projectCreation: { mode: 'admins', allowedGroups: [] } },
  });

  await expect(
    callerFor(services, alice).projects.create({ name: 'alicep1', description: '' }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: 'Only admins may create projects',
  });

  await services.db.groups.create({ name: 'creators', description: '', createdBy: admin.username });
  await services.db.groups.addMembers('creators', [alice.username], admin.username);
  await api.config.update({
    expectedVersion: 1,
    reason: 'groups',
    config: { ...config, projectCreation: { mode: 'groups', allowedGroups: ['creators'] } },
  });

  await expect(
    callerFor(services, alice).projects.create({ name: 'alicep2', description: '' }),
  ).resolves.toMatchObject({ name: 'alicep2' });
});

test('only admins read or change the configuration', async () => {
  const services = await createTestServices();
  const bob = await signedUpUser(services.db);

  await expect(callerFor(services, bob).config.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(callerFor(services, bob).config.deployment()).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('the deployment page shows where things are, without secrets', async () => {
  const services = await createTestServices();
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));

  const deployment = await api.config.deployment();

  expect(deployment).toMatchObject({
    mode: 'local',
    dataBucket: 'mlspace-data',
    region: 'us-east-1',
  });
  expect(JSON.stringify(deployment)).not.toContain(services.settings.oidc.clientSecret);
  expect(JSON.stringify(deployment)).not.toContain(services.settings.session.secret);
});

test('while an administrator has deactivated every service, lists still answer and every change is refused', async () => {
  const services = await createTestServices();
  const admin = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const alice = callerFor(services, await signedUpUser(services.db));
  const { config } = await admin.config.get();
  const everythingOff = Object.fromEntries(
    Object.keys(config.services).map((service) => [service, false]),
  );
  await admin.config.update({
    expectedVersion: 0,
    reason: 'Freeze compute',
    config: { ...config, services: { ...config.services, ...everythingOff } },
  });
  const page = { limit: 10 };
  const name = { name: 'kept' };

  const reads = {
    'Notebook instances': () => alice.notebooks.mine(page),
    'Training jobs': () => alice.training.mine(page),
    'Hyperparameter tuning': () => alice.tuning.mine(page),
    'Batch transform': () => alice.transform.mine(page),
    Models: () => alice.models.mine(page),
    Endpoints: () => alice.endpoints.mine(page),
  };
  const changes = {
    'Notebook instances': () => alice.notebooks.start(name),
    'Training jobs': () => alice.training.stop(name),
    'Hyperparameter tuning': () => alice.tuning.stop(name),
    'Batch transform': () => alice.transform.stop(name),
    Models: () => alice.models.delete(name),
    Endpoints: () => alice.endpoints.delete(name),
  };

  for (const [label, read] of Object.entries(reads)) {
    await expect(read(), label).resolves.toMatchObject({ items: [] });
  }
  for (const [label, change] of Object.entries(changes)) {
    await expect(change(), label).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/deactivated by your administrator/),
    });
  }
});

test('an instance type SageMaker does not offer for that use is refused, naming the list', async () => {
  const services = await createTestServices();
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const { config } = await api.config.get();

  await expect(
    api.config.update({
      expectedVersion: 0,
      reason: 'Bigger notebooks',
      config: {
        ...config,
        instanceTypes: { ...config.instanceTypes, notebook: ['ml.t3.medium', 'ml.m5.large'] },
      },
    }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    cause: {
      issues: [
        expect.objectContaining({
          path: ['config', 'instanceTypes', 'notebook', 1],
          message: 'ml.m5.large is not offered by SageMaker for notebook instances',
        }),
      ],
    },
  });
  expect((await api.config.get()).version).toBe(0);
});

test('allowed image repositories must be ECR repositories, and are kept once saved', async () => {
  const services = await createTestServices();
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const { config } = await api.config.get();
  const save = (allowedImageRepositories: string[], expectedVersion = 0) =>
    api.config.update({
      expectedVersion,
      reason: 'Team images',
      config: { ...config, allowedImageRepositories },
    });

  await expect(save(['ghcr.io/team/trainer'])).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    cause: {
      issues: [
        expect.objectContaining({
          path: ['config', 'allowedImageRepositories', 0],
          message: expect.stringMatching(/^must be an ECR repository/),
        }),
      ],
    },
  });
  const repository = '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/trainer';
  await save([repository]);
  expect((await api.config.get()).config.allowedImageRepositories).toEqual([repository]);
});
