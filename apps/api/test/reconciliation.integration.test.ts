import { afterEach, expect, test, vi } from 'vitest';

import {
  awsComputeClients,
  awsJobsClients,
  createAwsComputeBackend,
  createSageMakerJobs,
} from '@mlspace/aws';
import type { ComputeKind, ComputeStatus } from '@mlspace/core';
import { awsJsonError, awsJsonService, mockHttp, sagemakerUrl } from '@mlspace/testing';

import { createSweep } from '../src/jobs/sweep';
import { createTestServices } from './harness';

const server = mockHttp();
afterEach(() => vi.unstubAllEnvs());
// The SageMaker client's first calls take seconds on a loaded machine; the default 30 s is tight.
vi.setConfig({ testTimeout: 90_000 });

type Db = Awaited<ReturnType<typeof createTestServices>>['db'];
type Call = { operation: string; body: Record<string, unknown> };

const arn = (type: string, name: string) =>
  `arn:aws:sagemaker:us-east-1:123456789012:${type}/${name.toLowerCase()}`;
/** awsJson1_1 writes timestamps as epoch seconds. */
const created = 1_764_500_000;

/**
 * SageMaker's Describe* answers in the shapes of its API model (required members present, no
 * Tags), for resources whose last state change never reached MLSpace; a name not in `states`
 * is unknown, as SageMaker says it.
 */
function sagemakerDescribing(states: Record<string, string>, calls: Call[]) {
  const known = (
    name: unknown,
    kind: string,
    answer: (status: string) => Record<string, unknown>,
  ) => {
    const status = states[String(name)];
    return status
      ? answer(status)
      : awsJsonError('ValidationException', `Could not find ${kind} "${String(name)}".`);
  };
  return awsJsonService(
    sagemakerUrl,
    {
      DescribeNotebookInstance: ({ NotebookInstanceName: name }) =>
        known(name, 'notebook instance', (status) => ({
          NotebookInstanceArn: arn('notebook-instance', String(name)),
          NotebookInstanceName: name,
          NotebookInstanceStatus: status,
          InstanceType: 'ml.t3.medium',
          VolumeSizeInGB: 5,
          CreationTime: created,
          LastModifiedTime: created + 120,
        })),
      DescribeTrainingJob: ({ TrainingJobName: name }) =>
        known(name, 'training job', (status) => ({
          TrainingJobName: name,
          TrainingJobArn: arn('training-job', String(name)),
          ModelArtifacts: { S3ModelArtifacts: `s3://data/vision/${String(name)}/model.tar.gz` },
          TrainingJobStatus: status,
          SecondaryStatus: status,
          ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
          CreationTime: created,
          TrainingStartTime: created + 60,
          TrainingEndTime: created + 600,
          LastModifiedTime: created + 600,
        })),
      DescribeHyperParameterTuningJob: ({ HyperParameterTuningJobName: name }) =>
        known(name, 'hyper-parameter tuning job', (status) => ({
          HyperParameterTuningJobName: name,
          HyperParameterTuningJobArn: arn('hyper-parameter-tuning-job', String(name)),
          HyperParameterTuningJobConfig: {
            Strategy: 'Bayesian',
            ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 },
          },
          HyperParameterTuningJobStatus: status,
          CreationTime: created,
          HyperParameterTuningEndTime: created + 900,
          TrainingJobStatusCounters: {
            Completed: 4,
            InProgress: 0,
            RetryableError: 0,
            NonRetryableError: 0,
            Stopped: 0,
          },
          ObjectiveStatusCounters: { Succeeded: 4, Pending: 0, Failed: 0 },
        })),
      DescribeTransformJob: ({ TransformJobName: name }) =>
        known(name, 'transform job', (status) => ({
          TransformJobName: name,
          TransformJobArn: arn('transform-job', String(name)),
          TransformJobStatus: status,
          FailureReason: status === 'Failed' ? 'ClientError: no such model' : undefined,
          ModelName: 'vision-model',
          TransformInput: {
            DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://data/vision/in/' } },
          },
          TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
          CreationTime: created,
        })),
      DescribeEndpoint: ({ EndpointName: name }) =>
        known(name, 'endpoint', (status) => ({
          EndpointName: name,
          EndpointArn: arn('endpoint', String(name)),
          EndpointConfigName: `${String(name)}-config`,
          EndpointStatus: status,
          CreationTime: created,
          LastModifiedTime: created + 300,
        })),
    },
    calls,
  );
}

function awsCompute() {
  // The SDK's default credential chain reads these; msw answers before any signature matters.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  const network = {
    systemTag: 'MLSpace',
    kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
    subnetIds: ['subnet-a'],
    securityGroupIds: ['sg-1'],
  };
  const jobs = createSageMakerJobs(awsJobsClients('us-east-1'), {
    ...network,
    region: 'us-east-1',
    executionRoleArn: 'arn:aws:iam::123456789012:role/mlspace-app',
  });
  return createAwsComputeBackend(
    awsComputeClients('us-east-1'),
    { ...network, notebookRoleArn: 'arn:aws:iam::123456789012:role/mlspace-notebook' },
    jobs,
  );
}

async function registered(db: Db, kind: ComputeKind, status: ComputeStatus) {
  const name = `${kind.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
  await db.resources.register(
    { kind, name, project: 'vision', owner: 'alice', status, instanceType: 'ml.m5.xlarge' },
    'alice',
  );
  return name;
}

const inTenMinutes = () => new Date(Date.now() + 10 * 60_000);

test('the sweep repairs every kind whose state-change event was missed, from what SageMaker describes', async () => {
  const { db } = await createTestServices();
  const notebook = await registered(db, 'notebook', 'Pending');
  const training = await registered(db, 'trainingJob', 'InProgress');
  const tuning = await registered(db, 'hpoJob', 'InProgress');
  const transform = await registered(db, 'transformJob', 'InProgress');
  const endpoint = await registered(db, 'endpoint', 'Creating');
  const calls: Call[] = [];
  server.use(
    sagemakerDescribing(
      {
        [notebook]: 'InService',
        [training]: 'Completed',
        [tuning]: 'Completed',
        [transform]: 'Failed',
        [endpoint]: 'InService',
      },
      calls,
    ),
  );

  const summary = await createSweep({ db, compute: awsCompute(), now: inTenMinutes }).run();

  expect(summary.failed).toEqual([]);
  expect(summary.reconciled.sort()).toEqual(
    [notebook, training, tuning, transform, endpoint].sort(),
  );
  expect((await db.resources.get('notebook', notebook))?.status).toBe('InService');
  expect(await db.resources.get('trainingJob', training)).toMatchObject({
    status: 'Completed',
    metadata: { modelArtifactsS3Uri: `s3://data/vision/${training}/model.tar.gz` },
  });
  expect((await db.resources.get('hpoJob', tuning))?.status).toBe('Completed');
  expect(await db.resources.get('transformJob', transform)).toMatchObject({
    status: 'Failed',
    failureReason: 'ClientError: no such model',
  });
  expect((await db.resources.get('endpoint', endpoint))?.status).toBe('InService');

  // Settled now: the next run describes none of them again.
  calls.length = 0;
  await createSweep({ db, compute: awsCompute(), now: inTenMinutes }).run();
  expect(calls).toEqual([]);
});

test('an endpoint SageMaker no longer knows loses its record; a job it no longer knows fails', async () => {
  const { db } = await createTestServices();
  const endpoint = await registered(db, 'endpoint', 'Deleting');
  const training = await registered(db, 'trainingJob', 'InProgress');
  server.use(sagemakerDescribing({}, []));

  const summary = await createSweep({ db, compute: awsCompute(), now: inTenMinutes }).run();

  expect(summary.reconciled.sort()).toEqual([endpoint, training].sort());
  expect(await db.resources.get('endpoint', endpoint)).toBeNull();
  expect(await db.resources.get('trainingJob', training)).toMatchObject({
    status: 'Failed',
    failureReason: 'The compute backend no longer knows this job',
  });
});

test('a resource unsettled for only a moment, or settled, is not described', async () => {
  const { db } = await createTestServices();
  await registered(db, 'trainingJob', 'InProgress');
  const finished = await registered(db, 'trainingJob', 'InProgress');
  await db.resources.applyStatus({
    kind: 'trainingJob',
    name: finished,
    status: 'Completed',
    at: new Date().toISOString(),
  });
  const calls: Call[] = [];
  server.use(sagemakerDescribing({}, calls));

  const summary = await createSweep({ db, compute: awsCompute() }).run();
  const later = await createSweep({ db, compute: awsCompute(), now: inTenMinutes }).run();

  expect(summary.reconciled).toEqual([]);
  expect(calls.map((call) => call.body.TrainingJobName)).not.toContain(finished);
  expect(later.reconciled).not.toContain(finished);
});
