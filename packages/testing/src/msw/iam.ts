import type { HttpHandler } from 'msw';

import { awsQueryService, xmlEscape, type AwsQueryAction } from './aws-query';
import { iamUrl } from './sagemaker';

/** An in-memory IAM for roles and managed policies: the calls user-scoped roles make. */
export function fakeIam(
  options: {
    overrides?: Record<string, AwsQueryAction>;
    calls?: { action: string; params: URLSearchParams }[];
  } = {},
) {
  const roles = new Map<
    string,
    {
      arn: string;
      boundary: string | null;
      attached: Set<string>;
      trust: string;
      tags: Record<string, string>;
    }
  >();
  const policies = new Map<string, { arn: string; document: string }>();
  const account = '123456789012';
  const noSuchEntity = (what: string) => ({
    error: { code: 'NoSuchEntity', message: `The ${what} cannot be found.`, status: 404 },
  });
  const actions: Record<string, AwsQueryAction> = {
    GetRole: (params) => {
      const name = params.get('RoleName') ?? '';
      const role = roles.get(name);
      if (!role) return noSuchEntity(`role with name ${name}`);
      return {
        xml: `<Role><RoleName>${name}</RoleName><Arn>${role.arn}</Arn><Path>/</Path><RoleId>AROATEST</RoleId><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>`,
      };
    },
    CreateRole: (params) => {
      const name = params.get('RoleName') ?? '';
      if (roles.has(name))
        return {
          error: {
            code: 'EntityAlreadyExists',
            message: `Role with name ${name} already exists.`,
            status: 409,
          },
        };
      const tags: Record<string, string> = {};
      for (let index = 1; params.has(`Tags.member.${index}.Key`); index += 1) {
        tags[params.get(`Tags.member.${index}.Key`) ?? ''] =
          params.get(`Tags.member.${index}.Value`) ?? '';
      }
      const arn = `arn:aws:iam::${account}:role/${name}`;
      roles.set(name, {
        arn,
        boundary: params.get('PermissionsBoundary'),
        attached: new Set(),
        trust: params.get('AssumeRolePolicyDocument') ?? '',
        tags,
      });
      return {
        xml: `<Role><RoleName>${name}</RoleName><Arn>${arn}</Arn><Path>/</Path><RoleId>AROATEST</RoleId><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>`,
      };
    },
    GetPolicy: (params) => {
      const arn = params.get('PolicyArn') ?? '';
      const policy = [...policies.values()].find((candidate) => candidate.arn === arn);
      if (!policy) return noSuchEntity(`policy ${arn}`);
      return {
        xml: `<Policy><PolicyName>${arn.split('/').pop()}</PolicyName><Arn>${arn}</Arn><DefaultVersionId>v1</DefaultVersionId></Policy>`,
      };
    },
    CreatePolicy: (params) => {
      const name = params.get('PolicyName') ?? '';
      const arn = `arn:aws:iam::${account}:policy/${name}`;
      if (policies.has(name))
        return {
          error: {
            code: 'EntityAlreadyExists',
            message: `A policy called ${name} already exists.`,
            status: 409,
          },
        };
      policies.set(name, { arn, document: params.get('PolicyDocument') ?? '' });
      return {
        xml: `<Policy><PolicyName>${xmlEscape(name)}</PolicyName><Arn>${arn}</Arn><DefaultVersionId>v1</DefaultVersionId></Policy>`,
      };
    },
    AttachRolePolicy: (params) => {
      const role = roles.get(params.get('RoleName') ?? '');
      if (!role) return noSuchEntity(`role with name ${params.get('RoleName')}`);
      role.attached.add(params.get('PolicyArn') ?? '');
      return { xml: '' };
    },
    ...options.overrides,
  };
  return {
    handler: (): HttpHandler => awsQueryService(iamUrl, actions, options.calls),
    roles,
    policies,
  };
}
