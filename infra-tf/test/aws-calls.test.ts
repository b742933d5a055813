import { describe, expect, test } from 'vitest';
import { awsCallsFrom } from './code-calls';
import { basicAnswers, synthesize } from './helpers';
import { grantedActions, iamModel } from './iam-model';

const { tf } = synthesize();
const iam = iamModel(tf, { account: basicAnswers.awsAccount, region: basicAnswers.awsRegion });

/** Each Lambda function and the entry its bundle is built from (docs/operator-guide.md). */
const entries: Record<string, string> = {
  'mlspace-prod-api': 'apps/api/src/lambda.ts',
  // The same bundle's streaming export (index.streamHandler).
  'mlspace-prod-api-stream': 'apps/api/src/lambda.ts',
  'mlspace-prod-sweep': 'apps/api/src/jobs/sweep-lambda.ts',
  'mlspace-prod-events': 'apps/api/src/jobs/events-lambda.ts',
  'mlspace-prod-portal': 'apps/portal/server/lambda.ts',
};

/**
 * Actions the code needs without a command of that name. Each says which call needs it. Lambda's
 * own log writing and VPC interfaces come from AWS managed policies and are not listed here.
 */
const neededWithoutACommand: Record<string, string> = {
  'iam:PassRole': 'every SageMaker create names the notebook or project-user role it runs as',
  'iam:TagRole': 'CreateRole with Tags is also authorized as TagRole (project-user roles)',
  'sagemaker:AddTags': 'SageMaker authorizes the Tags of every create call as AddTags',
  'translate:TagResource':
    'ImportTerminology with Tags is also authorized as TagResource (tag on create), as IAM requires for tagging services',
  'kms:Decrypt':
    'reading SSE-KMS objects and completing multipart uploads; reading KMS-encrypted secrets',
  'kms:GenerateDataKey': 'writing SSE-KMS objects (PutObject, multipart and presigned uploads)',
  'kms:DescribeKey': 'SageMaker checks the volume key of a create as the caller',
  'kms:CreateGrant': 'SageMaker grants itself use of the volume key as the caller',
  // ElectroDB in packages/db sends these through the DocumentClient, not as named commands.
  'dynamodb:GetItem': 'ElectroDB get',
  'dynamodb:PutItem': 'ElectroDB put and create',
  'dynamodb:UpdateItem': 'ElectroDB update and patch',
  'dynamodb:DeleteItem': 'ElectroDB delete and remove',
  'dynamodb:Query': 'ElectroDB query and the paged queries of packages/db',
  'dynamodb:BatchGetItem': 'ElectroDB get of a list of keys',
  'dynamodb:BatchWriteItem': 'ElectroDB put and delete of a list of items',
  'dynamodb:TransactWriteItems': 'packages/db/src/tx.ts (ElectroDB transaction.write)',
  'dynamodb:ConditionCheckItem': 'the check() operations inside those transactions',
};

describe.each(Object.entries(entries))('%s', (functionName, entry) => {
  const calls = awsCallsFrom(entry);
  const derived = new Set(calls.map((c) => c.action));
  const role = iam.roleOfFunction(functionName);
  const granted = grantedActions(role);

  test('every AWS call its code makes is granted to the role it runs as', () => {
    const missing = calls.filter((c) => !granted.has(c.action)).map((c) => `${c.action} (${c.at})`);
    expect(missing).toEqual([]);
  });

  test('every action granted to its role is one its code calls, or listed with the reason it is needed', () => {
    const unused = [...granted].filter((a) => !derived.has(a) && !(a in neededWithoutACommand));
    expect(unused).toEqual([]);
  });

  test('its role grants actions by name, so the two checks above see every one', () => {
    expect([...granted].filter((a) => a.includes('*'))).toEqual([]);
  });
});

test('the derivation sees the calls the notebook backend makes (UpdateNotebookInstanceLifecycleConfig was missing from the app policy)', () => {
  const api = new Set(awsCallsFrom(entries['mlspace-prod-api']!).map((c) => c.action));
  for (const action of [
    'sagemaker:UpdateNotebookInstanceLifecycleConfig',
    'sagemaker:CreateNotebookInstance',
    'sagemaker:InvokeEndpoint',
    'iam:CreateRole',
    'iam:AttachRolePolicy',
    's3:PutObject',
    'secretsmanager:GetSecretValue',
    'logs:FilterLogEvents',
  ])
    expect(api, action).toContain(action);
  expect(awsCallsFrom(entries['mlspace-prod-portal']!)).toEqual([]);
});
