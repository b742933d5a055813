import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';

import { fakeCloudWatchLogs } from '../msw/cloudwatch-logs';
import { fakeGroundTruth } from '../msw/ground-truth';
import { fakeEmr } from '../msw/emr';
import { fakeIam } from '../msw/iam';
import { iamRoleDeletionActions } from '../msw/iam-role-deletion';
import { fakeSageMakerNotebooks } from '../msw/sagemaker';
import { fakeSageMakerJobs, fakeSageMakerRuntime } from '../msw/sagemaker-jobs';
import { fakeSecretsManager } from '../msw/secrets-manager';
import { fakeTranslate } from '../msw/translate';
import { fakeBedrock, fakeBedrockRuntime } from '../msw/bedrock';
import { modelledServices, serviceModel, type ModelledService } from './service-models';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const codeDirs = ['packages/aws/src', 'apps/api/src'];
/** Clients whose calls the tests send to real local implementations (s3rver, DynamoDB Local). */
const locallyServed = new Set(['@aws-sdk/client-s3', '@aws-sdk/client-dynamodb']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** `client operation` for every `new XCommand(` the backend's code sends. */
function operationsTheCodeCalls(): string[] {
  const called = new Set<string>();
  for (const file of codeDirs.flatMap((dir) => sourceFiles(path.join(root, dir)))) {
    const text = readFileSync(file, 'utf8');
    const clientOf = new Map<string, string>();
    for (const [, names = '', client = ''] of text.matchAll(
      /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[\w-]+)'/g,
    )) {
      for (const name of names.split(','))
        clientOf.set(name.replace(/^\s*type\s+/, '').trim(), client);
    }
    for (const [, command = ''] of text.matchAll(/new (\w+)Command\(/g)) {
      const client = clientOf.get(`${command}Command`) ?? `(not an @aws-sdk client, in ${file})`;
      if (!locallyServed.has(client)) called.add(`${client} ${command}`);
    }
  }
  return [...called].sort();
}

const clientOfService = (service: ModelledService) => serviceModel(service).client;

/** What the fakes in packages/testing answer, per client package. */
function operationsTheFakesAnswer(): string[] {
  const iam: ReturnType<typeof fakeIam> = fakeIam({
    overrides: iamRoleDeletionActions(() => iam),
  });
  const answered: [ModelledService, string[]][] = [
    ['sagemaker', Object.keys(fakeSageMakerNotebooks().operations)],
    ['sagemaker', Object.keys(fakeSageMakerJobs().operations)],
    ['sagemaker', Object.keys(fakeGroundTruth().operations)],
    ['iam', Object.keys(iam.actions)],
    ['cloudwatch-logs', Object.keys(fakeCloudWatchLogs([]).operations)],
    ['sagemaker-runtime', fakeSageMakerRuntime(() => ({ body: '', contentType: '' })).operations],
    ['secrets-manager', Object.keys(fakeSecretsManager({}).operations)],
    ['translate', Object.keys(fakeTranslate().operations)],
    ['bedrock', fakeBedrock([]).operations],
    [
      'bedrock-runtime',
      fakeBedrockRuntime(() => ({ chunks: [], inputTokens: 0, outputTokens: 0 })).operations,
    ],
    ['emr', Object.keys(fakeEmr().operations)],
  ];
  return answered.flatMap(([service, operations]) =>
    operations.map((operation) => `${clientOfService(service)} ${operation}`),
  );
}

test('every AWS operation the backend calls has its shapes in the contract models (run tooling/scripts/extract-service-shapes.mjs after adding a call)', () => {
  const modelled = new Set(
    modelledServices.flatMap((service) =>
      Object.keys(serviceModel(service).operations).map(
        (operation) => `${clientOfService(service)} ${operation}`,
      ),
    ),
  );
  const called = operationsTheCodeCalls();
  expect(called.length).toBeGreaterThan(40);
  expect(called.filter((operation) => !modelled.has(operation))).toEqual([]);
});

test('every AWS operation the backend calls is answered by a fake in packages/testing, whose answers the contract checks', () => {
  const answered = new Set(operationsTheFakesAnswer());
  expect(operationsTheCodeCalls().filter((operation) => !answered.has(operation))).toEqual([]);
});
