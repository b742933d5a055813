import { expect, test } from 'vitest';

import { validate, validateErrorCode } from './validate';

const rules = (found: { path: string; rule: string }[]) =>
  found.map((violation) => `${violation.path}: ${violation.rule}`);

const endpoint = {
  EndpointName: 'e1',
  EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/e1',
  EndpointStatus: 'InService',
  CreationTime: 1_764_500_000,
  LastModifiedTime: 1_764_500_060,
};

test('a Describe answer in the real shape has no violations', () => {
  expect(validate('sagemaker', 'DescribeEndpoint', 'output', endpoint)).toEqual([]);
});

test('a Describe answer that echoes Tags, or lacks a required member, is named by member (defect: fakes answered in shapes AWS never sends)', () => {
  const { LastModifiedTime: _dropped, ...withoutModified } = endpoint;
  expect(
    rules(validate('sagemaker', 'DescribeEndpoint', 'output', { ...withoutModified, Tags: [] })),
  ).toEqual([
    'Tags: is not a member of DescribeEndpointOutput',
    'LastModifiedTime: is required in DescribeEndpointOutput and missing',
  ]);
});

test('enums, patterns, lengths and ranges are checked deep in lists and structures', () => {
  const found = validate('sagemaker', 'CreateEndpointConfig', 'input', {
    EndpointConfigName: 'bad name',
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        ModelName: 'm1',
        InstanceType: 'ml.m5d.huge',
        InitialInstanceCount: 0,
      },
    ],
    Tags: [{ Key: '', Value: 'v' }],
  });
  expect(rules(found)).toEqual([
    `EndpointConfigName: "bad name" does not match EndpointConfigName's pattern ^(?:[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$`,
    `ProductionVariants[0].InstanceType: "ml.m5d.huge" is not one of ProductionVariantInstanceType's values`,
    'ProductionVariants[0].InitialInstanceCount: is 0; the least allowed is 1',
    'Tags[0].Key: has 0 characters; the least allowed is 1',
  ]);
});

test('a training type SageMaker does not train on is refused (defect: a test trained on ml.m5d.large)', () => {
  const found = validate('sagemaker', 'CreateTrainingJob', 'input', {
    TrainingJobName: 't1',
    AlgorithmSpecification: { TrainingImage: 'image', TrainingInputMode: 'File' },
    RoleArn: 'arn:aws:iam::123456789012:role/r',
    OutputDataConfig: { S3OutputPath: 's3://b/out' },
    ResourceConfig: { InstanceType: 'ml.m5d.large', InstanceCount: 1, VolumeSizeInGB: 5 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  });
  expect(rules(found)).toEqual([
    `ResourceConfig.InstanceType: "ml.m5d.large" is not one of TrainingInstanceType's values`,
  ]);
});

test('types are checked: awsJson timestamps are epoch seconds, counts whole numbers, maps of strings', () => {
  const found = validate('sagemaker', 'DescribeEndpoint', 'output', {
    ...endpoint,
    CreationTime: '2026-01-01T00:00:00Z',
    ProductionVariants: [{ VariantName: 'AllTraffic', CurrentInstanceCount: 1.5 }],
  });
  expect(rules(found)).toEqual([
    'CreationTime: must be a timestamp in epoch seconds (a number), as awsJson sends it',
    'ProductionVariants[0].CurrentInstanceCount: 1.5 is not a whole number (TaskCount)',
  ]);
});

test('an operation the models lack is a violation that says how to add it', () => {
  expect(rules(validate('sagemaker', 'CreateDomain', 'input', {}))).toEqual([
    '(operation): sagemaker CreateDomain is not in the contract models; run tooling/scripts/extract-service-shapes.mjs',
  ]);
});

test('an error code must be one the operation returns or a common AWS error', () => {
  expect(validateErrorCode('sagemaker', 'CreateTrainingJob', 'ResourceInUse')).toEqual([]);
  expect(validateErrorCode('sagemaker', 'DescribeEndpoint', 'ValidationException')).toEqual([]);
  expect(rules(validateErrorCode('iam', 'GetRole', 'ResourceNotFound'))).toEqual([
    '(error): ResourceNotFound is not an error GetRole returns (it returns NoSuchEntity, ServiceFailure, the common errors)',
  ]);
});
