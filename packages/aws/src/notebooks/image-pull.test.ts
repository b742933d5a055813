import { expect, test } from 'vitest';

import { imagePullDocument, imageRepositoryArn } from './image-pull';

test('an allowed repository becomes its ECR repository ARN, a namespace every repository under it, in its partition', () => {
  expect(imageRepositoryArn('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/trainer')).toBe(
    'arn:aws:ecr:eu-west-1:123456789012:repository/team/trainer',
  );
  expect(imageRepositoryArn('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/*')).toBe(
    'arn:aws:ecr:us-east-1:123456789012:repository/team/*',
  );
  expect(imageRepositoryArn('123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/trainer')).toBe(
    'arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/trainer',
  );
});

test('an entry that is not an ECR repository is refused rather than widened into a pattern', () => {
  for (const entry of [
    'docker.io/library/python',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/*',
    '*',
  ])
    expect(() => imageRepositoryArn(entry), entry).toThrow(/not an allowed ECR repository/);
});

test('with no repository allowed the policy grants the registry token only, and pulls from nothing', () => {
  expect(imagePullDocument([]).Statement).toEqual([
    { Sid: 'RegistryToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  ]);
});
