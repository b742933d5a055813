import { PassThrough, Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { ConfigError } from '../src/config';
import { parseSets, runWizard } from '../src/wizard';

const answers = (...lines: string[]) => Readable.from([lines.map((l) => `${l}\n`).join('')]);
const sink = () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { out, text: () => text };
};

test('piped basic answers with advanced declined produce a config on defaults', async () => {
  const { out } = sink();
  const config = await runWizard({
    input: answers(
      '123456789012',
      'eu-central-1',
      'https://idp.example.com',
      'mlspace',
      'alice, bob',
      'n',
    ),
    output: out,
  });
  expect(config).toMatchObject({
    awsAccount: '123456789012',
    awsRegion: 'eu-central-1',
    oidcIssuerUrl: 'https://idp.example.com',
    oidcClientId: 'mlspace',
    initialAdmins: ['alice', 'bob'],
    environment: 'prod',
    stateBackend: { type: 'local' },
  });
});

test('the end of input keeps the defaults already offered', async () => {
  const { out } = sink();
  const base = {
    awsAccount: '123456789012',
    oidcIssuerUrl: 'https://idp.example.com',
    oidcClientId: 'c',
    initialAdmins: ['alice'],
  };
  const config = await runWizard({ input: answers(''), output: out, base });
  expect(config.awsAccount).toBe('123456789012');
  expect(config.awsRegion).toBe('us-east-1');
});

test('advanced answers set an existing VPC, key and an organisation permission boundary', async () => {
  const { out } = sink();
  const config = await runWizard({
    input: answers(
      '123456789012',
      'us-west-2',
      'https://idp.example.com',
      'mlspace',
      'alice', // basic
      'dev',
      'ab', // environment, suffix
      'y',
      'vpc-0abc',
      'subnet-01, subnet-02',
      'sg-0abc', // existing VPC
      'y',
      'arn:aws:kms:us-west-2:123456789012:key/abc', // existing key
      '', // manage IAM roles (default yes)
      'CorpBoundary', // organisation permission boundary
      'n', // existing roles
    ),
    output: out,
    advanced: true,
  });
  expect(config.environment).toBe('dev');
  expect(config.nameSuffix).toBe('ab');
  expect(config.network).toMatchObject({
    existingVpcId: 'vpc-0abc',
    existingPrivateSubnetIds: ['subnet-01', 'subnet-02'],
    existingSecurityGroupId: 'sg-0abc',
  });
  expect(config.kms.existingKeyArn).toBe('arn:aws:kms:us-west-2:123456789012:key/abc');
  expect(config.iam.permissionsBoundaryPolicyName).toBe('CorpBoundary');
  expect(config.iam.manageIamRoles).toBe(true);
});

test('an invalid answer is explained and asked again', async () => {
  const { out, text } = sink();
  const config = await runWizard({
    input: answers('42', '123456789012', '', 'https://idp.example.com', 'mlspace', 'alice', 'n'),
    output: out,
  });
  expect(config.awsAccount).toBe('123456789012');
  expect(text()).toContain('awsAccount: must be a 12-digit AWS account id');
});

test('a required field missing at the end of piped input fails naming the field', async () => {
  const { out } = sink();
  const run = runWizard({ input: answers(), output: out });
  await expect(run).rejects.toBeInstanceOf(ConfigError);
  await expect(runWizard({ input: answers(), output: sink().out })).rejects.toThrow(/awsAccount/);
});

test('the wizard asks for the initial administrators and refuses to go on without one', async () => {
  const { out, text } = sink();
  const run = runWizard({
    input: answers('123456789012', '', 'https://idp.example.com', 'mlspace', '', '', ''),
    output: out,
  });
  await expect(run).rejects.toThrow(/initialAdmins/);
  expect(text()).toContain('Initial administrators');
});

test('--set takes a list field as comma-separated items', () => {
  expect(parseSets(['initialAdmins=alice,bob'])).toEqual({ initialAdmins: ['alice', 'bob'] });
  expect(parseSets(['initialAdmins=["carol"]'])).toEqual({ initialAdmins: ['carol'] });
});

test('--set values keep string fields as strings and parse the others as JSON', () => {
  expect(
    parseSets(['awsAccount=012345678901', 'network.availabilityZones=3', 'createCloudTrail=false']),
  ).toEqual({
    awsAccount: '012345678901',
    network: { availabilityZones: 3 },
    createCloudTrail: false,
  });
});
