import { expect, test } from 'vitest';
import { ConfigError, configDefaults, deepMerge, parseConfig } from '../src/config';
import { basicAnswers } from './helpers';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => i.field);
    throw error;
  }
  throw new Error('expected a ConfigError');
};

test('the basic answers over the defaults make a valid configuration', () => {
  const config = parseConfig(basicAnswers);
  expect(config.awsAccount).toBe('123456789012');
  expect(config.environment).toBe(configDefaults.environment);
  expect(config.sweepRateMinutes).toBe(1);
  expect(config.stateBackend).toEqual({
    type: 'local',
    path: '../../../terraform.{stack}.tfstate',
  });
});

test('an empty configuration names each missing basic field', () => {
  expect(fieldsOf(() => parseConfig({}))).toEqual([
    'awsAccount',
    'oidcIssuerUrl',
    'oidcClientId',
    'initialAdmins',
  ]);
});

test('the initial administrators have no default, so nobody called admin becomes one by accident', () => {
  expect(configDefaults.initialAdmins).toEqual([]);
  expect(() => parseConfig({ ...basicAnswers, initialAdmins: [] })).toThrow(
    /initialAdmins: must name at least one administrator/,
  );
});

test('an organisation permission boundary is an IAM policy name', () => {
  expect(
    parseConfig({ ...basicAnswers, iam: { permissionsBoundaryPolicyName: 'CorpBoundary' } }).iam
      .permissionsBoundaryPolicyName,
  ).toBe('CorpBoundary');
  expect(
    fieldsOf(() =>
      parseConfig({ ...basicAnswers, iam: { permissionsBoundaryPolicyName: 'arn:aws:iam::1:x' } }),
    ),
  ).toEqual(['iam.permissionsBoundaryPolicyName']);
});

test('an invalid account id is named in the error message with its rule', () => {
  expect(() => parseConfig({ ...basicAnswers, awsAccount: '1234' })).toThrow(
    /awsAccount: must be a 12-digit AWS account id/,
  );
});

test('an http issuer is rejected because tokens must travel over TLS', () => {
  expect(
    fieldsOf(() => parseConfig({ ...basicAnswers, oidcIssuerUrl: 'http://idp.example.com' })),
  ).toEqual(['oidcIssuerUrl']);
});

test('a nested field is named by its dotted path', () => {
  expect(
    fieldsOf(() => parseConfig({ ...basicAnswers, network: { availabilityZones: 7 } })),
  ).toEqual(['network.availabilityZones']);
});

test('a misspelt field is reported rather than silently ignored', () => {
  expect(() => parseConfig({ ...basicAnswers, lambda: { memoryMB: 2048 } })).toThrow(
    /lambda: unknown field\(s\) memoryMB/,
  );
});

test('an existing VPC needs its private subnets and security group', () => {
  expect(
    fieldsOf(() => parseConfig({ ...basicAnswers, network: { existingVpcId: 'vpc-0abc' } })),
  ).toEqual(['network.existingPrivateSubnetIds', 'network.existingSecurityGroupId']);
});

test('an S3 state backend without any lock is rejected', () => {
  const stateBackend = { type: 's3', bucket: 'corp-tf-state', key: 'k', useLockfile: false };
  expect(fieldsOf(() => parseConfig({ ...basicAnswers, stateBackend }))).toEqual([
    'stateBackend.useLockfile',
  ]);
});

test('an S3 state backend replaces the local default instead of merging with it', () => {
  const config = parseConfig({
    ...basicAnswers,
    stateBackend: { type: 's3', bucket: 'corp-tf-state', key: 'k' },
  });
  expect(config.stateBackend).toEqual({
    type: 's3',
    bucket: 'corp-tf-state',
    key: 'k',
    region: '',
    useLockfile: true,
    dynamodbTable: '',
  });
});

test('a role ARN field accepts an ARN and rejects a bare name', () => {
  expect(
    parseConfig({
      ...basicAnswers,
      iam: { existingAppRoleArn: 'arn:aws:iam::123456789012:role/app' },
    }).iam.existingAppRoleArn,
  ).toBe('arn:aws:iam::123456789012:role/app');
  expect(
    fieldsOf(() => parseConfig({ ...basicAnswers, iam: { existingAppRoleArn: 'app' } })),
  ).toEqual(['iam.existingAppRoleArn']);
});

test('merging replaces arrays and merges objects key by key', () => {
  expect(deepMerge({ a: { b: 1, c: [1, 2] } }, { a: { c: [3] } })).toEqual({ a: { b: 1, c: [3] } });
});
