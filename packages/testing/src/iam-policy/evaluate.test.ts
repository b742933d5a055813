import { describe, expect, test } from 'vitest';

import { evaluateIam, type PolicyDocument } from './evaluate';

const allowAll: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const request = (action: string, context = {}) => ({ action, resource: 'arn:x', context });

describe('the IAM evaluator', () => {
  test('denies what no statement allows (implicit deny)', () => {
    expect(evaluateIam({ policies: [] }, request('s3:GetObject'))).toBe('denied');
  });

  test('an explicit deny wins over an allow', () => {
    const policies = [allowAll, { Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] }];
    expect(evaluateIam({ policies }, request('s3:GetObject'))).toBe('denied');
    expect(evaluateIam({ policies }, request('sagemaker:ListModels'))).toBe('allowed');
  });

  test('a boundary caps what the identity policies allow', () => {
    const boundary = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    expect(evaluateIam({ policies: [allowAll], boundary }, request('s3:GetObject'))).toBe(
      'allowed',
    );
    expect(evaluateIam({ policies: [allowAll], boundary }, request('iam:CreateRole'))).toBe(
      'denied',
    );
  });

  test('actions match case-insensitively with wildcards, resources case-sensitively', () => {
    const policy = {
      Statement: [{ Effect: 'Allow', Action: 'SageMaker:Create*', Resource: 'arn:aws:s3:::b/p/*' }],
    };
    const decide = (action: string, resource: string) =>
      evaluateIam({ policies: [policy] }, { action, resource });
    expect(decide('sagemaker:CreateTrainingJob', 'arn:aws:s3:::b/p/x')).toBe('allowed');
    expect(decide('sagemaker:CreateTrainingJob', 'arn:aws:s3:::b/P/x')).toBe('denied');
    expect(decide('sagemaker:DeleteModel', 'arn:aws:s3:::b/p/x')).toBe('denied');
  });

  test('a negated operator holds for an absent key unless it is a ForAnyValue set operator', () => {
    const denyUnless = (operator: string): PolicyDocument => ({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { [operator]: { k: ['a'] } } },
      ],
    });
    expect(evaluateIam({ policies: [denyUnless('StringNotEquals')] }, request('x:Y'))).toBe(
      'denied',
    );
    expect(
      evaluateIam({ policies: [denyUnless('ForAnyValue:StringNotEquals')] }, request('x:Y')),
    ).toBe('allowed');
    expect(
      evaluateIam(
        { policies: [denyUnless('ForAnyValue:StringNotEquals')] },
        request('x:Y', { k: ['a', 'b'] }),
      ),
    ).toBe('denied');
    expect(
      evaluateIam(
        { policies: [denyUnless('ForAnyValue:StringNotEquals')] },
        request('x:Y', { k: ['a'] }),
      ),
    ).toBe('allowed');
  });

  test('Null tests presence, StringLike matches wildcards, ForAllValues holds for every value', () => {
    const policy: PolicyDocument = {
      Statement: [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: {
            Null: { 'aws:RequestTag/project': 'false' },
            StringLike: { 's3:prefix': ['global/*', 'private/alice/*'] },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['project', 'user'] },
          },
        },
      ],
    };
    const decide = (context: Record<string, string | string[]>) =>
      evaluateIam({ policies: [policy] }, request('x:Y', context));
    const ok = {
      'aws:RequestTag/project': 'p',
      's3:prefix': 'global/d/',
      'aws:TagKeys': ['project'],
    };
    expect(decide(ok)).toBe('allowed');
    expect(decide({ ...ok, 'aws:RequestTag/project': [] })).toBe('denied');
    expect(decide({ ...ok, 's3:prefix': 'private/bob/' })).toBe('denied');
    expect(decide({ ...ok, 'aws:TagKeys': ['project', 'owner'] })).toBe('denied');
  });

  test('an operator it does not know fails the evaluation instead of being ignored', () => {
    const policy: PolicyDocument = {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { NumericLessThan: { n: '1' } } },
      ],
    };
    expect(() => evaluateIam({ policies: [policy] }, request('x:Y', { n: '0' }))).toThrow(
      /NumericLessThan/,
    );
  });
});

test('policy variables are read from the request, and one the request lacks matches nothing', () => {
  const policy: PolicyDocument = {
    Statement: [
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/project': '${aws:PrincipalTag/project}' } },
      },
    ],
  };
  const pass = (context: Record<string, string>) =>
    evaluateIam({ policies: [policy] }, request('iam:PassRole', context));
  expect(pass({ 'aws:ResourceTag/project': 'a', 'aws:PrincipalTag/project': 'a' })).toBe('allowed');
  expect(pass({ 'aws:ResourceTag/project': 'b', 'aws:PrincipalTag/project': 'a' })).toBe('denied');
  expect(pass({ 'aws:ResourceTag/project': '' })).toBe('denied');
});
