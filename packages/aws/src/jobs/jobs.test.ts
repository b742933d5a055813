import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { expect, test } from 'vitest';

import {
  awsJsonError,
  fakeCloudWatchLogs,
  fakeSageMakerJobs,
  fakeSageMakerRuntime,
  mockHttp,
  throttledFirst,
} from '@mlspace/testing';

import { createSageMakerJobs, type SageMakerJobsSettings } from './index';

const server = mockHttp();

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const clients = () => ({
  sagemaker: new SageMakerClient({ region: 'us-east-1', credentials }),
  runtime: new SageMakerRuntimeClient({ region: 'us-east-1', credentials }),
  iam: new IAMClient({ region: 'us-east-1', credentials }),
  logs: new CloudWatchLogsClient({ region: 'us-east-1', credentials }),
});
const settings: SageMakerJobsSettings = {
  region: 'us-east-1',
  systemTag: 'MLSpace',
  kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
  subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  securityGroupIds: ['sg-1'],
  executionRoleArn: 'arn:aws:iam::123456789012:role/mlspace-app',
  pickSubnets: (ids, count) => ids.slice(0, count),
};
const owner = { project: 'vision', username: 'alice' };
const tags = [
  { Key: 'project', Value: 'vision' },
  { Key: 'user', Value: 'alice' },
  { Key: 'system', Value: 'MLSpace' },
];
const training = {
  name: 'train-1',
  owner,
  algorithm: {
    image: 'xgboost',
    metricDefinitions: [{ name: 'train:rmse', regex: 'train-rmse:([0-9.]+)' }],
  },
  hyperParameters: { num_round: '10' },
  inputs: [{ name: 'train', s3Uri: 's3://data/vision/train/' }],
  outputS3Uri: 's3://data/vision/out',
  resources: { instanceType: 'ml.m5.large', instanceCount: 1, volumeSizeGb: 5 },
  stopping: { maxRuntimeSeconds: 3600 },
};

function setUp() {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  const sagemaker = fakeSageMakerJobs({ calls });
  server.use(sagemaker.handler());
  return { calls, sagemaker, jobs: createSageMakerJobs(clients(), settings) };
}

test('a training job is created tagged, in the VPC, encrypted and isolated, with the XGBoost image', async () => {
  const { calls, sagemaker, jobs } = setUp();
  const created = await jobs.trainingJobs.create(training);
  expect(created).toMatchObject({
    status: 'InProgress',
    metadata: { arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/train-1' },
  });
  const body = calls.find((call) => call.operation === 'CreateTrainingJob')!.body;
  expect(body).toMatchObject({
    TrainingJobName: 'train-1',
    AlgorithmSpecification: {
      TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      TrainingInputMode: 'File',
    },
    RoleArn: settings.executionRoleArn,
    OutputDataConfig: { S3OutputPath: 's3://data/vision/out', KmsKeyId: settings.kmsKeyId },
    ResourceConfig: {
      InstanceType: 'ml.m5.large',
      InstanceCount: 1,
      VolumeSizeInGB: 5,
      VolumeKmsKeyId: settings.kmsKeyId,
    },
    VpcConfig: { SecurityGroupIds: ['sg-1'], Subnets: ['subnet-a'] },
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
    HyperParameters: { num_round: '10' },
    Tags: tags,
  });
  // XGBoost is SageMaker's own algorithm: it publishes its metrics and refuses definitions.
  expect(
    (body.AlgorithmSpecification as Record<string, unknown>).MetricDefinitions,
  ).toBeUndefined();
  sagemaker.stores.training.get('train-1')!.TrainingJobStatus = 'Completed';
  sagemaker.stores.training.get('train-1')!.ModelArtifacts = {
    S3ModelArtifacts: 's3://data/vision/out/train-1/output/model.tar.gz',
  };
  sagemaker.stores.training.get('train-1')!.FinalMetricDataList = [
    { MetricName: 'train:rmse', Value: 0.25, Timestamp: 1_700_000_100 },
  ];
  const described = await jobs.trainingJobs.describe('train-1');
  expect(described).toMatchObject({
    status: 'Completed',
    modelArtifactsS3Uri: 's3://data/vision/out/train-1/output/model.tar.gz',
    metrics: [{ name: 'train:rmse', value: 0.25 }],
  });
  expect(await jobs.trainingJobs.describe('nope')).toBeNull();
});

test('script mode passes the entry point as sagemaker_program and sagemaker_submit_directory; instance storage gets no volume key', async () => {
  const { calls, jobs } = setUp();
  await jobs.trainingJobs.create({
    ...training,
    name: 'script-1',
    algorithm: { image: 'sklearn', entryPoint: 's3://data/vision/code/train.py' },
    resources: { instanceType: 'ml.g4dn.xlarge', instanceCount: 1, volumeSizeGb: 5 },
  });
  const body = calls.find((call) => call.operation === 'CreateTrainingJob')!.body as {
    AlgorithmSpecification: { TrainingImage: string };
    HyperParameters: Record<string, string>;
    ResourceConfig: { VolumeKmsKeyId: string };
  };
  expect(body.AlgorithmSpecification.TrainingImage).toBe(
    '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
  );
  expect(body.HyperParameters).toMatchObject({
    sagemaker_program: '"train.py"',
    sagemaker_submit_directory: '"s3://data/vision/code/train.py"',
  });
  expect(body.ResourceConfig.VolumeKmsKeyId).toBe('');
});

test('the local-only scikit-learn random forest is refused before SageMaker is called', async () => {
  const { calls, jobs } = setUp();
  await expect(
    jobs.trainingJobs.create({ ...training, algorithm: { image: 'sklearn-random-forest' } }),
  ).rejects.toThrow(/algorithm: Random forest \(scikit-learn\) runs on the local backend only/);
  expect(calls).toEqual([]);
});

test('a duplicate training job is a conflict; a validation error names SageMaker; throttling is retried', async () => {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  const sagemaker = fakeSageMakerJobs({
    calls,
    overrides: {
      CreateTransformJob: () =>
        awsJsonError('ValidationException', 'Could not find model "missing".'),
    },
  });
  server.use(sagemaker.handler());
  const jobs = createSageMakerJobs(clients(), settings);
  await jobs.trainingJobs.create(training);
  await expect(jobs.trainingJobs.create(training)).rejects.toThrow(
    /SageMaker refused to create the training job: TrainingJob train-1 already exists/,
  );
  await expect(
    jobs.transformJobs.create({
      name: 't1',
      owner,
      modelName: 'missing',
      input: { s3Uri: 's3://d/in/' },
      outputS3Uri: 's3://d/out/',
      resources: { instanceType: 'ml.m5.large', instanceCount: 1 },
    }),
  ).rejects.toThrow(
    /transformJob: SageMaker refused to create the transform job: Could not find model/,
  );

  const throttled = fakeSageMakerJobs({
    overrides: { StopTrainingJob: throttledFirst(2, () => ({})) },
  });
  server.use(throttled.handler());
  await expect(
    createSageMakerJobs(clients(), settings).trainingJobs.stop('train-1'),
  ).resolves.toBeUndefined();
});

test('a tuning job sends ranges, objective, limits and a training definition with role, KMS and VPC; children list the best', async () => {
  const { calls, sagemaker, jobs } = setUp();
  await jobs.tuningJobs.create({
    name: 'tune-1',
    owner,
    strategy: 'Bayesian',
    objective: { metricName: 'validation:rmse', type: 'Minimize' },
    ranges: [
      { name: 'eta', type: 'Continuous', min: '0.01', max: '0.5', scaling: 'Logarithmic' },
      { name: 'max_depth', type: 'Integer', min: '2', max: '8' },
      { name: 'booster', type: 'Categorical', values: ['gbtree', 'dart'] },
    ],
    maxJobs: 4,
    maxParallelJobs: 2,
    trainingJob: training,
  });
  const body = calls.find((call) => call.operation === 'CreateHyperParameterTuningJob')!.body;
  expect(body).toMatchObject({
    HyperParameterTuningJobConfig: {
      Strategy: 'Bayesian',
      HyperParameterTuningJobObjective: { MetricName: 'validation:rmse', Type: 'Minimize' },
      ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 },
      ParameterRanges: {
        ContinuousParameterRanges: [
          { Name: 'eta', MinValue: '0.01', MaxValue: '0.5', ScalingType: 'Logarithmic' },
        ],
        IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '2', MaxValue: '8' }],
        CategoricalParameterRanges: [{ Name: 'booster', Values: ['gbtree', 'dart'] }],
      },
    },
    TrainingJobDefinition: {
      RoleArn: settings.executionRoleArn,
      StaticHyperParameters: { num_round: '10' },
      OutputDataConfig: { KmsKeyId: settings.kmsKeyId },
      VpcConfig: { Subnets: ['subnet-a'] },
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
    },
    Tags: tags,
  });
  const stored = sagemaker.stores.tuning.get('tune-1')!;
  const best = {
    TrainingJobName: 'tune-1-002-abc',
    TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/tune-1-002-abc',
    TrainingJobStatus: 'Completed',
    TunedHyperParameters: { eta: '0.1' },
    FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:rmse', Value: 0.2 },
    CreationTime: 1_700_000_200,
  };
  stored.BestTrainingJob = best;
  sagemaker.stores.tuningTrainingJobs.set('tune-1', [
    best,
    {
      TrainingJobName: 'tune-1-001-def',
      TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/tune-1-001-def',
      TrainingJobStatus: 'Failed',
      FailureReason: 'AlgorithmError',
      TunedHyperParameters: { eta: '0.4' },
      CreationTime: 1_700_000_100,
    },
  ]);
  expect((await jobs.tuningJobs.describe('tune-1'))!.bestTrainingJob).toEqual({
    name: 'tune-1-002-abc',
    objectiveValue: 0.2,
    hyperParameters: { eta: '0.1' },
  });
  const children = await jobs.tuningJobs.listTrainingJobs('tune-1');
  expect(children.map((child) => [child.name, child.status, child.metadata.best ?? ''])).toEqual([
    ['tune-1-002-abc', 'Completed', 'true'],
    ['tune-1-001-def', 'Failed', ''],
  ]);
  await jobs.tuningJobs.stop('tune-1');
  expect(stored.HyperParameterTuningJobStatus).toBe('Stopping');
});

test('models, endpoint configs and endpoints: VPC and role on the model, KMS on the config, update without retaining variant properties', async () => {
  const { calls, sagemaker, jobs } = setUp();
  await jobs.models.create({
    name: 'm1',
    owner,
    container: {
      image: 'sklearn',
      modelDataS3Uri: 's3://d/model.tar.gz',
      environment: { SAGEMAKER_PROGRAM: 'inference.py' },
    },
  });
  expect(calls.at(-1)!.body).toMatchObject({
    ModelName: 'm1',
    PrimaryContainer: {
      Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
      Mode: 'SingleModel',
      ModelDataUrl: 's3://d/model.tar.gz',
      Environment: { SAGEMAKER_PROGRAM: 'inference.py' },
    },
    ExecutionRoleArn: settings.executionRoleArn,
    VpcConfig: { Subnets: ['subnet-a', 'subnet-b'], SecurityGroupIds: ['sg-1'] },
    EnableNetworkIsolation: true,
    Tags: tags,
  });
  const variant = {
    variantName: 'AllTraffic',
    modelName: 'm1',
    instanceType: 'ml.m5.large',
    initialInstanceCount: 1,
  };
  await jobs.endpointConfigs.create({ name: 'c1', owner, variants: [variant] });
  await jobs.endpointConfigs.create({ name: 'c2', owner, variants: [variant] });
  expect(calls.at(-1)!.body).toMatchObject({
    KmsKeyId: settings.kmsKeyId,
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        ModelName: 'm1',
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
      },
    ],
    Tags: tags,
  });
  expect(calls.at(-1)!.body.DataCaptureConfig).toBeUndefined();
  expect((await jobs.endpointConfigs.describe('c1'))!.variants).toEqual([
    { ...variant, initialVariantWeight: 1 },
  ]);

  await expect(
    jobs.models.create({ name: 'm1', owner, container: { image: 'sklearn' } }),
  ).rejects.toThrow(/already exists/);
  await expect(
    jobs.endpoints.create({ name: 'e1', owner, endpointConfigName: 'nope' }),
  ).rejects.toThrow(/Could not find EndpointConfig "nope"/);
  expect(
    await jobs.endpoints.create({ name: 'e1', owner, endpointConfigName: 'c1' }),
  ).toMatchObject({ status: 'Creating' });
  await expect(jobs.endpoints.update('e1', 'c2')).rejects.toThrow(
    /Cannot update in-progress endpoint/,
  );
  sagemaker.stores.endpoint.get('e1')!.EndpointStatus = 'InService';
  await jobs.endpoints.update('e1', 'c2');
  expect(calls.at(-1)!.body).toEqual({
    EndpointName: 'e1',
    EndpointConfigName: 'c2',
    RetainAllVariantProperties: false,
  });
  expect(await jobs.endpoints.describe('e1')).toMatchObject({
    status: 'Updating',
    endpointConfigName: 'c2',
  });
  await jobs.endpoints.delete('e1');
  expect(await jobs.endpoints.describe('e1')).toBeNull();
  await jobs.endpointConfigs.delete('c1');
  await jobs.models.delete('m1');
  expect(await jobs.models.describe('m1')).toBeNull();
});

test('invoke returns the model answer, and a payload the model rejects gives its message as a validation error', async () => {
  server.use(
    fakeSageMakerRuntime((endpoint, body) => {
      if (body.split(',').length !== 2)
        throw new Error('X has 3 features, but SGDClassifier is expecting 2 features as input.');
      return { body: `${endpoint}:1.0\n`, contentType: 'text/csv' };
    })(),
  );
  const jobs = createSageMakerJobs(clients(), settings);
  const answer = await jobs.endpoints.invoke({
    name: 'e1',
    contentType: 'text/csv',
    accept: 'text/csv',
    body: new TextEncoder().encode('0.5,0.7'),
  });
  expect(new TextDecoder().decode(answer.body)).toBe('e1:1.0\n');
  expect(answer.contentType).toBe('text/csv');
  await expect(
    jobs.endpoints.invoke({
      name: 'e1',
      contentType: 'text/csv',
      body: new TextEncoder().encode('1,2,3'),
    }),
  ).rejects.toThrow(/^body: .*X has 3 features/);
});

test('training logs page through CloudWatch and then follow by time', async () => {
  server.use(
    fakeCloudWatchLogs([
      { logStreamName: 'train-1/algo-1-1700000000', timestamp: 1_000, message: 'starting' },
      {
        logStreamName: 'train-1/algo-1-1700000000',
        timestamp: 2_000,
        message: '[0] train-rmse:0.5',
      },
      {
        logStreamName: 'train-1/algo-1-1700000000',
        timestamp: 3_000,
        message: '[1] train-rmse:0.4',
      },
      { logStreamName: 'other/algo-1', timestamp: 3_500, message: 'not mine' },
    ])(),
  );
  const jobs = createSageMakerJobs(clients(), settings);
  const first = await jobs.trainingJobs.logs({ name: 'train-1' });
  expect(first.lines.map((line) => line.message)).toEqual(['starting', '[0] train-rmse:0.5']);
  const second = await jobs.trainingJobs.logs({ name: 'train-1', cursor: first.cursor });
  expect(second.lines.map((line) => line.message)).toEqual(['[1] train-rmse:0.4']);
  expect(second.cursor).toBe('t:3001');
  expect((await jobs.trainingJobs.logs({ name: 'train-1', cursor: second.cursor })).lines).toEqual(
    [],
  );
});
