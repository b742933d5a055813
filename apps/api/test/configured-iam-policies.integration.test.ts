import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { IAMClient } from '@aws-sdk/client-iam';
import { expect, test } from 'vitest';

import { createBedrockFoundationModels, ensureConfiguredPolicies } from '@mlspace/aws';
import { fakeBedrock, fakeIam, mockHttp } from '@mlspace/testing';

import { unavailableComputeBackend } from '../src/services/compute';
import { createConfigService } from '../src/services/config-service';
import { callerFor, createTestServices, signedUpUser } from './harness';

const server = mockHttp();
const names = { prefix: 'MLSpace-prod-pu', accountId: '123456789012' };
const iamClient = new IAMClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 't', secretAccessKey: 't' },
});

async function servicesWritingIam() {
  const services = await createTestServices();
  const configService = createConfigService({
    db: services.db,
    mode: services.settings.mode,
    cacheMs: 0,
    applyToIam: async (limits) => {
      await ensureConfiguredPolicies(iamClient, names, {
        ...limits,
        allowedFoundationModels: { region: 'us-east-1', modelIds: limits.allowedFoundationModels },
      });
    },
  });
  return { ...services, configService };
}

const allowedIn = (document: string) =>
  (
    JSON.parse(document) as {
      Statement: { Condition?: Record<string, Record<string, string[]>> }[];
    }
  ).Statement[0]?.Condition?.['ForAnyValue:StringNotEquals']?.['sagemaker:InstanceTypes'];

test("an administrator's new allowed training types reach the project-user roles' IAM constraint at once (SDK work from notebooks ignored the configuration)", async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const services = await servicesWritingIam();
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const { config, version } = await api.config.get();

  await api.config.update({
    expectedVersion: version,
    reason: 'GPU training',
    config: {
      ...config,
      instanceTypes: { ...config.instanceTypes, training: ['ml.g5.xlarge', 'ml.m5.xlarge'] },
    },
  });

  const training = iam.policies.get('MLSpace-prod-pu-instance-types-training');
  expect(allowedIn(training!.document)).toEqual(['ml.g5.xlarge', 'ml.m5.xlarge']);
  expect(allowedIn(iam.policies.get('MLSpace-prod-pu-instance-types-notebook')!.document)).toEqual(
    [...config.instanceTypes.notebook].sort(),
  );
});

test("an administrator's allowed image repositories become the only ones project-user roles may pull from, at once", async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const services = await servicesWritingIam();
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const { config, version } = await api.config.get();

  await api.config.update({
    expectedVersion: version,
    reason: 'Team images',
    config: {
      ...config,
      allowedImageRepositories: ['123456789012.dkr.ecr.us-east-1.amazonaws.com/team/*'],
    },
  });

  const pull = JSON.parse(iam.policies.get('MLSpace-prod-pu-image-pull')!.document) as {
    Statement: { Resource: string | string[] }[];
  };
  expect(pull.Statement.map((statement) => statement.Resource)).toEqual([
    '*',
    ['arn:aws:ecr:us-east-1:123456789012:repository/team/*'],
  ]);
});

test('when IAM refuses, the version stays saved and the error says the limits follow at the next start', async () => {
  const iam = fakeIam({
    overrides: {
      CreatePolicy: () => ({
        error: {
          code: 'LimitExceeded',
          message: 'Cannot exceed quota for PoliciesPerAccount: 1500',
          status: 409,
        },
      }),
    },
  });
  server.use(iam.handler());
  const services = await servicesWritingIam();
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const { config, version } = await api.config.get();

  await expect(
    api.config.update({ expectedVersion: version, reason: 'Same types', config }),
  ).rejects.toThrow(/Version 1 is saved, but IAM could not be updated.*PoliciesPerAccount/);
  expect((await api.config.get()).version).toBe(1);
});

test("an administrator's allowed foundation models become the only ones project-user roles may invoke, and deactivating Bedrock withdraws them all", async () => {
  const iam = fakeIam();
  const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';
  server.use(iam.handler());
  server.use(
    fakeBedrock([
      { modelId: haiku, modelName: 'Claude 3 Haiku', providerName: 'Anthropic' },
    ]).handler(),
  );
  const base = await servicesWritingIam();
  const credentials = { accessKeyId: 't', secretAccessKey: 't' };
  const services = {
    ...base,
    settings: { ...base.settings, mode: 'aws' as const },
    configService: createConfigService({
      db: base.db,
      mode: 'aws',
      cacheMs: 0,
      applyToIam: async (limits) => {
        await ensureConfiguredPolicies(iamClient, names, {
          ...limits,
          allowedFoundationModels: {
            region: 'us-east-1',
            modelIds: limits.allowedFoundationModels,
          },
        });
      },
    }),
    compute: {
      ...unavailableComputeBackend(),
      foundationModels: createBedrockFoundationModels({
        bedrock: new BedrockClient({ region: 'us-east-1', credentials }),
        runtime: new BedrockRuntimeClient({ region: 'us-east-1', credentials }),
      }),
    },
  };
  const api = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const save = async (bedrock: boolean) => {
    const { config, version } = await api.config.get();
    await api.config.update({
      expectedVersion: version,
      reason: 'Foundation models',
      config: {
        ...config,
        services: { ...config.services, bedrock },
        bedrock: { allowedModels: [haiku] },
      },
    });
    return JSON.parse(iam.policies.get('MLSpace-prod-pu-foundation-models')!.document) as {
      Statement: { Effect: string; Resource: string | string[] }[];
    };
  };

  expect((await save(true)).Statement).toMatchObject([
    { Effect: 'Allow', Resource: [`arn:aws:bedrock:us-east-1::foundation-model/${haiku}`] },
  ]);
  expect((await save(false)).Statement).toMatchObject([{ Effect: 'Deny', Resource: '*' }]);
});
