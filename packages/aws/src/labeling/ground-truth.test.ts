import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { expect, test } from 'vitest';

import {
  ConflictError,
  UnavailableError,
  ValidationError,
  labelAttributeName,
  labelingTaskTypes,
  type CreateLabelingJobRequest,
  type LabelingTaskType,
} from '@mlspace/core';
import { awsJsonError, fakeGroundTruth, fakeSageMakerJobs, mockHttp } from '@mlspace/testing';

import { createSageMakerJobs, type SageMakerJobsSettings } from '../jobs';
import { groundTruthFunctionsFor, workteamName } from './ground-truth';

const server = mockHttp();

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const clients = (region: string) => ({
  sagemaker: new SageMakerClient({ region, credentials }),
  runtime: new SageMakerRuntimeClient({ region, credentials }),
  iam: new IAMClient({ region, credentials }),
  logs: new CloudWatchLogsClient({ region, credentials }),
});
const settings = (region: string): SageMakerJobsSettings => ({
  region,
  systemTag: 'MLSpace',
  kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
  subnetIds: ['subnet-a'],
  securityGroupIds: ['sg-1'],
  executionRoleArn: 'arn:aws:iam::123456789012:role/mlspace-app',
});
const tags = [
  { Key: 'project', Value: 'vision' },
  { Key: 'user', Value: 'alice' },
  { Key: 'system', Value: 'MLSpace' },
];

const request = (taskType: LabelingTaskType, name = `job-${taskType.toLowerCase()}`) =>
  ({
    name,
    owner: { project: 'vision', username: 'alice' },
    taskType,
    labels: ['cat', 'dog'],
    shortInstruction: 'Label every animal',
    fullInstruction: 'Cats and dogs only.',
    workers: ['bob', 'carol'],
    workersPerObject: 2,
    taskTimeLimitSeconds: 300,
    inputManifestUri: `s3://data/project/vision/datasets/labels/${name}/manifests/input/input.manifest`,
    outputUri: 's3://data/project/vision/datasets/labels/',
    labelAttributeName: labelAttributeName(name, taskType),
    templateUri: `s3://data/project/vision/datasets/labels/${name}/annotation-tool/template.liquid`,
    labelCategoryConfigUri: `s3://data/project/vision/datasets/labels/${name}/annotation-tool/data.json`,
  }) satisfies CreateLabelingJobRequest;

function setUp(
  region = 'us-east-1',
  overrides: ReturnType<typeof fakeGroundTruth>['operations'] = {},
) {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  const groundTruth = fakeGroundTruth();
  server.use(
    fakeSageMakerJobs({ calls, overrides: { ...groundTruth.operations, ...overrides } }).handler(),
  );
  const { labelingJobs } = createSageMakerJobs(clients(region), settings(region));
  return { calls, groundTruth, labelingJobs };
}

test.each(labelingTaskTypes)(
  'a %s job is created with its own work team, the built-in functions of the region, tags and the KMS key',
  async (taskType) => {
    const { calls, labelingJobs } = setUp();
    const job = request(taskType);
    const created = await labelingJobs.create(job);

    const suffix = taskType;
    const team = calls.find((call) => call.operation === 'CreateWorkteam')!.body;
    expect(team).toMatchObject({
      WorkteamName: workteamName(job.name),
      MemberDefinitions: [{ OidcMemberDefinition: { Groups: ['bob', 'carol'] } }],
      Tags: tags,
    });
    const body = calls.find((call) => call.operation === 'CreateLabelingJob')!.body;
    expect(body).toEqual({
      LabelingJobName: job.name,
      LabelAttributeName: job.labelAttributeName,
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: job.inputManifestUri } } },
      OutputConfig: {
        S3OutputPath: 's3://data/project/vision/datasets/labels/',
        KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      },
      RoleArn: 'arn:aws:iam::123456789012:role/mlspace-app',
      LabelCategoryConfigS3Uri: job.labelCategoryConfigUri,
      HumanTaskConfig: {
        WorkteamArn: `arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/${workteamName(job.name)}`,
        UiConfig: { UiTemplateS3Uri: job.templateUri },
        PreHumanTaskLambdaArn: `arn:aws:lambda:us-east-1:432418664414:function:PRE-${suffix}`,
        TaskTitle: 'Label every animal',
        TaskDescription: 'Cats and dogs only.',
        NumberOfHumanWorkersPerDataObject: 2,
        TaskTimeLimitInSeconds: 300,
        AnnotationConsolidationConfig: {
          AnnotationConsolidationLambdaArn: `arn:aws:lambda:us-east-1:432418664414:function:ACS-${suffix}`,
        },
      },
      Tags: tags,
    });
    expect(created).toMatchObject({
      status: 'InProgress',
      workerPortalUrl: `https://${workteamName(job.name)}.labeling.us-east-1.sagemaker.aws`,
      counters: { total: 0, labeled: 0, failed: 0, unlabeled: 0 },
    });
  },
);

test.each(labelingTaskTypes)(
  'a %s job refused by SageMaker is a validation error naming SageMaker and the reason',
  async (taskType) => {
    const { labelingJobs } = setUp('us-east-1', {
      CreateLabelingJob: () =>
        awsJsonError('ValidationException', 'The manifest file is not in the expected format'),
    });
    const refused = labelingJobs.create(request(taskType));
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toThrow(
      /SageMaker refused to create labeling job .*: The manifest file is not in the expected format/,
    );
  },
);

test('a second job of the same name is a conflict, as SageMaker reports it', async () => {
  const { labelingJobs } = setUp('us-east-1', {
    CreateWorkteam: () => ({
      WorkteamArn: 'arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/t',
    }),
  });
  await labelingJobs.create(request('BoundingBox', 'boxes'));
  await expect(labelingJobs.create(request('BoundingBox', 'boxes'))).rejects.toThrow(ConflictError);
});

test("the account limit of labeling jobs is reported as unavailable with SageMaker's words", async () => {
  const { labelingJobs } = setUp('us-east-1', {
    CreateLabelingJob: () =>
      awsJsonError('ResourceLimitExceeded', 'The account-level service limit is 20 jobs'),
  });
  await expect(labelingJobs.create(request('TextMultiClass'))).rejects.toThrow(UnavailableError);
});

test('more than ten workers are refused before any call, as an OIDC team takes ten groups', async () => {
  const { calls, labelingJobs } = setUp();
  const workers = Array.from({ length: 11 }, (_, index) => `worker${index}`);
  await expect(
    labelingJobs.create({ ...request('ImageMultiClass'), workers, workersPerObject: 3 }),
  ).rejects.toThrow(/workers: .*at most 10 workers/);
  expect(calls).toEqual([]);
});

test('each region uses its own Ground Truth account, and a region without Ground Truth is named', () => {
  expect(groundTruthFunctionsFor('eu-west-1', 'BoundingBox')).toEqual({
    pre: 'arn:aws:lambda:eu-west-1:568282634449:function:PRE-BoundingBox',
    acs: 'arn:aws:lambda:eu-west-1:568282634449:function:ACS-BoundingBox',
  });
  expect(groundTruthFunctionsFor('ap-southeast-2', 'NamedEntityRecognition').pre).toBe(
    'arn:aws:lambda:ap-southeast-2:454466003867:function:PRE-NamedEntityRecognition',
  );
  expect(() => groundTruthFunctionsFor('af-south-1', 'BoundingBox')).toThrow(
    /Ground Truth has no built-in Bounding boxes functions in af-south-1/,
  );
});

test('describe reports counters and the portal link; stop asks SageMaker to stop', async () => {
  const { labelingJobs, groundTruth } = setUp();
  await labelingJobs.create(request('BoundingBox', 'boxes'));
  Object.assign(groundTruth.jobs.get('boxes')!, {
    LabelCounters: {
      TotalLabeled: 3,
      HumanLabeled: 3,
      MachineLabeled: 0,
      FailedNonRetryableError: 1,
      Unlabeled: 2,
    },
  });
  expect(await labelingJobs.describe('boxes')).toMatchObject({
    status: 'InProgress',
    counters: { total: 6, labeled: 3, failed: 1, unlabeled: 2 },
    outputManifestUri:
      's3://data/project/vision/datasets/labels/boxes/manifests/output/output.manifest',
  });
  await labelingJobs.stop('boxes');
  expect((await labelingJobs.describe('boxes'))?.status).toBe('Stopping');
  expect(await labelingJobs.describe('missing')).toBeNull();
});
