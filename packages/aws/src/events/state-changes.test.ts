import { expect, test } from 'vitest';

import {
  endpointStateChange,
  labelingJobStateChange,
  modelStateChange,
  notebookInstanceStateChange,
  trainingJobStateChange,
  transformJobStateChange,
  tuningJobStateChange,
  type SageMakerStateChange,
} from '@mlspace/testing';

import { sagemakerStateChangeTypes, statusFromStateChange } from './index';

const system = 'MLSpace';
const otherSystem = { system: 'SomeoneElse', project: 'vision', user: 'alice' };
const apply = (event: SageMakerStateChange) => statusFromStateChange(event, system);

/** One event per kind, each in a status MLSpace knows, and the field that names its resource. */
const kinds = [
  {
    kind: 'notebook',
    event: () => notebookInstanceStateChange('nb-1', 'InService'),
    nameField: 'NotebookInstanceName',
    statusField: 'NotebookInstanceStatus',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/nb-1',
  },
  {
    kind: 'trainingJob',
    event: () => trainingJobStateChange('train-1', 'InProgress'),
    nameField: 'TrainingJobName',
    statusField: 'TrainingJobStatus',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/train-1',
  },
  {
    kind: 'hpoJob',
    event: () => tuningJobStateChange('tune-1', 'InProgress'),
    nameField: 'HyperParameterTuningJobName',
    statusField: 'HyperParameterTuningJobStatus',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/tune-1',
  },
  {
    kind: 'transformJob',
    event: () => transformJobStateChange('batch-1', 'InProgress'),
    nameField: 'TransformJobName',
    statusField: 'TransformJobStatus',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:transform-job/batch-1',
  },
  {
    kind: 'endpoint',
    event: () => endpointStateChange('ep-1', 'IN_SERVICE'),
    nameField: 'EndpointName',
    statusField: 'EndpointStatus',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep-1',
  },
] as const;

test.each(kinds)('a $kind state change of this system becomes its status event', (kind) => {
  const event = kind.event();
  expect(apply(event)).toMatchObject({
    apply: {
      kind: kind.kind,
      name: event.detail[kind.nameField],
      at: '2026-11-30T10:00:00.000Z',
      project: 'vision',
      owner: 'alice',
      metadata: { arn: kind.arn },
    },
  });
});

test.each(kinds)('a $kind state change of another system is ignored', (kind) => {
  const event = kind.event();
  event.detail.Tags = otherSystem;
  expect(apply(event)).toEqual({ ignore: 'the resource belongs to another system (SomeoneElse)' });
});

test.each(kinds)('a $kind state change without tags is ignored', (kind) => {
  const event = kind.event();
  delete event.detail.Tags;
  expect(apply(event)).toEqual({ ignore: 'the resource carries no system tag' });
});

test.each(kinds)('a $kind state change in a status MLSpace does not know is ignored', (kind) => {
  const event = kind.event();
  event.detail[kind.statusField] = 'Hibernating';
  expect(apply(event)).toEqual({
    ignore: `${kind.statusField} Hibernating is not a status MLSpace knows`,
  });
});

test.each(kinds)('a $kind state change that names no resource is ignored', (kind) => {
  const event = kind.event();
  delete event.detail[kind.nameField];
  expect(apply(event)).toEqual({
    ignore: `the event names no resource (${kind.nameField} is missing)`,
  });
});

test('a failed training job keeps its failure reason and secondary status', () => {
  const event = trainingJobStateChange('train-1', 'Failed', {
    failureReason: 'AlgorithmError: out of memory',
  });
  const outcome = apply(event);
  expect(outcome).toMatchObject({
    apply: { status: 'Failed', failureReason: 'AlgorithmError: out of memory' },
  });
  expect('apply' in outcome && outcome.apply.metadata).toEqual({
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/train-1',
    secondaryStatus: 'Failed',
  });
});

test('a training job keeps its model artefact location once completed, not before', () => {
  const running = trainingJobStateChange('train-1', 'InProgress', {
    secondaryStatus: 'Uploading',
  });
  expect(apply(running)).toMatchObject({
    apply: { metadata: { secondaryStatus: 'Uploading' } },
  });
  const outcome = apply(running);
  expect('apply' in outcome && outcome.apply.metadata?.modelArtifactsS3Uri).toBeUndefined();

  expect(apply(trainingJobStateChange('train-1', 'Completed'))).toMatchObject({
    apply: {
      status: 'Completed',
      metadata: {
        modelArtifactsS3Uri:
          's3://mlspace-data/project/vision/training/train-1/output/model.tar.gz',
      },
    },
  });
});

test('a tuning job keeps the name of its best training job', () => {
  const event = tuningJobStateChange('tune-1', 'Completed', { bestTrainingJob: 'tune-1-003' });
  expect(apply(event)).toMatchObject({
    apply: { kind: 'hpoJob', status: 'Completed', metadata: { bestTrainingJob: 'tune-1-003' } },
  });
});

test('a failed transform job keeps its failure reason', () => {
  const event = transformJobStateChange('batch-1', 'Failed', { failureReason: 'ClientError' });
  expect(apply(event)).toMatchObject({
    apply: { kind: 'transformJob', status: 'Failed', failureReason: 'ClientError' },
  });
});

test('endpoint statuses are read in the events spelling and in the API spelling', () => {
  const spelled = (status: string) => {
    const outcome = apply(endpointStateChange('ep-1', status));
    return 'apply' in outcome ? outcome.apply.status : outcome.ignore;
  };
  expect(spelled('CREATING')).toBe('Creating');
  expect(spelled('IN_SERVICE')).toBe('InService');
  expect(spelled('SYSTEM_UPDATING')).toBe('SystemUpdating');
  expect(spelled('ROLLING_BACK')).toBe('RollingBack');
  expect(spelled('OUT_OF_SERVICE')).toBe('OutOfService');
  expect(spelled('InService')).toBe('InService');
  expect(spelled('UPDATE_ROLLBACK_FAILED')).toBe(
    'EndpointStatus UPDATE_ROLLBACK_FAILED is not a status MLSpace knows',
  );
});

test('an endpoint reported DELETED without tags is removed by name; with another system tag it is not', () => {
  const gone = endpointStateChange('ep-1', 'DELETED');
  delete gone.detail.Tags;
  expect(apply(gone)).toMatchObject({
    apply: { kind: 'endpoint', name: 'ep-1', status: 'Deleted' },
  });

  expect(apply(endpointStateChange('ep-1', 'DELETED', { tags: otherSystem }))).toEqual({
    ignore: 'the resource belongs to another system (SomeoneElse)',
  });
});

test('a notebook reported Deleted removes its record', () => {
  expect(apply(notebookInstanceStateChange('nb-1', 'Deleted'))).toMatchObject({
    apply: { kind: 'notebook', name: 'nb-1', status: 'Deleted' },
  });
});

test("a notebook its idle-stop script stopped passes on the tag's reason with Stopped, and only then", () => {
  const tags = {
    system: 'MLSpace',
    project: 'vision',
    user: 'alice',
    'mlspace:stop-reason': 'Stopped after 60 minutes idle',
  };
  expect(apply(notebookInstanceStateChange('nb-1', 'Stopped', { tags }))).toMatchObject({
    apply: { status: 'Stopped', stopReason: 'Stopped after 60 minutes idle' },
  });
  const stopping = apply(notebookInstanceStateChange('nb-1', 'Stopping', { tags }));
  expect(stopping).toMatchObject({ apply: { status: 'Stopping' } });
  expect('apply' in stopping && stopping.apply.stopReason).toBeFalsy();
  const byHand = apply(notebookInstanceStateChange('nb-1', 'Stopped'));
  expect('apply' in byHand && byHand.apply.stopReason).toBeFalsy();
});

test('a training job cannot be reported Deleted: SageMaker keeps jobs', () => {
  expect(apply(trainingJobStateChange('train-1', 'Deleted'))).toEqual({
    ignore: 'TrainingJobStatus Deleted is not a status MLSpace knows',
  });
});

test('a model event with MLSpace tags says it was created, and one without tags that it was deleted (SDK-made models were never registered)', () => {
  expect(apply(modelStateChange('model-1'))).toEqual({
    apply: {
      kind: 'model',
      name: 'model-1',
      status: 'Created',
      at: '2026-11-30T10:00:00.000Z',
      metadata: { arn: 'arn:aws:sagemaker:us-east-1:123456789012:model/model-1' },
      project: 'vision',
      owner: 'alice',
    },
    size: {},
  });
  expect(apply(modelStateChange('model-1', { tags: {} }))).toMatchObject({
    apply: { kind: 'model', name: 'model-1', status: 'Deleted' },
  });
  expect(apply(modelStateChange('model-1', { tags: otherSystem }))).toEqual({
    ignore: 'the resource belongs to another system (SomeoneElse)',
  });
});

test('an endpoint configuration event records its first instance type and all its variants’ instances', () => {
  const event: SageMakerStateChange = {
    ...modelStateChange('config-1'),
    'detail-type': 'SageMaker Endpoint Config State Change',
    detail: {
      EndpointConfigName: 'config-1',
      EndpointConfigArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/config-1',
      ProductionVariants: [
        { VariantName: 'a', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 },
        { VariantName: 'b', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 },
      ],
      CreationTime: 1_764_500_000_000,
      Tags: { system: 'MLSpace', project: 'vision', user: 'alice' },
    },
  };
  expect(apply(event)).toMatchObject({
    apply: { kind: 'endpointConfig', name: 'config-1', status: 'Created', owner: 'alice' },
    size: { instanceType: 'ml.m5.large', instanceCount: 3 },
  });
  expect(sagemakerStateChangeTypes).toEqual(
    expect.arrayContaining([
      'SageMaker Model State Change',
      'SageMaker Endpoint Config State Change',
      'SageMaker Ground Truth Labeling Job State Change',
    ]),
  );
});

test('a Ground Truth event names its job by the ARN in resources and carries the status', () => {
  const event = labelingJobStateChange('boxes-1', 'Completed', { time: '2026-12-01T05:00:00Z' });
  expect(apply(event)).toEqual({
    apply: {
      kind: 'labelingJob',
      name: 'boxes-1',
      status: 'Completed',
      at: '2026-12-01T05:00:00.000Z',
      metadata: { arn: 'arn:aws:sagemaker:us-east-1:123456789012:labeling-job/boxes-1' },
    },
    size: {},
  });
  expect(apply(labelingJobStateChange('boxes-1', 'Paused'))).toEqual({
    ignore: 'LabelingJobStatus Paused is not a status MLSpace knows',
  });
  expect(apply({ ...event, resources: [] })).toEqual({
    ignore: 'the event names no labeling job (no LabelingJobName, no ARN)',
  });
});

test('events from other sources and unknown detail types are ignored', () => {
  expect(apply({ ...trainingJobStateChange('train-1', 'Completed'), source: 'aws.ec2' })).toEqual({
    ignore: 'the event comes from aws.ec2',
  });
  expect(
    apply({
      ...trainingJobStateChange('train-1', 'Completed'),
      'detail-type': 'SageMaker Processing Job State Change',
    }),
  ).toEqual({ ignore: 'MLSpace does not follow SageMaker Processing Job State Change events' });
});

test('the event time is read in whole seconds or epoch milliseconds, and refused otherwise', () => {
  expect(
    apply(trainingJobStateChange('train-1', 'InProgress', { time: '1583831889050' })),
  ).toMatchObject({ apply: { at: '2020-03-10T09:18:09.050Z' } });
  expect(apply(trainingJobStateChange('train-1', 'InProgress', { time: 'yesterday' }))).toEqual({
    ignore: 'the event time yesterday is not a time',
  });
});
