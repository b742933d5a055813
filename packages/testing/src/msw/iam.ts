import type { HttpHandler } from 'msw';

import { awsQueryService, xmlEscape, type AwsQueryAction } from './aws-query';
import { iamUrl } from './sagemaker';

/** IAM role ids are 16 to 128 word characters, `AROA` and 17 more as AWS makes them. */
export const fakeRoleId = 'AROA3XFRBF23EXAMPLE01';

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
  /** `document` is the default version's; `versions` every version, oldest first. */
  const policies = new Map<
    string,
    {
      arn: string;
      document: string;
      defaultVersion: string;
      versions: { id: string; document: string; createdAt: string }[];
      nextVersion: number;
    }
  >();
  const policyByArn = (arn: string) =>
    [...policies.values()].find((candidate) => candidate.arn === arn);
  const account = '123456789012';
  /** Version n was created n minutes after midnight, so "oldest" is well defined. */
  const versionTime = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
  const noSuchEntity = (what: string) => ({
    error: { code: 'NoSuchEntity', message: `The ${what} cannot be found.`, status: 404 },
  });
  const actions: Record<string, AwsQueryAction> = {
    GetRole: (params) => {
      const name = params.get('RoleName') ?? '';
      const role = roles.get(name);
      if (!role) return noSuchEntity(`role with name ${name}`);
      return {
        xml: `<Role><RoleName>${name}</RoleName><Arn>${role.arn}</Arn><Path>/</Path><RoleId>${fakeRoleId}</RoleId><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>`,
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
        xml: `<Role><RoleName>${name}</RoleName><Arn>${arn}</Arn><Path>/</Path><RoleId>${fakeRoleId}</RoleId><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>`,
      };
    },
    GetPolicy: (params) => {
      const arn = params.get('PolicyArn') ?? '';
      const policy = policyByArn(arn);
      if (!policy) return noSuchEntity(`policy ${arn}`);
      return {
        xml: `<Policy><PolicyName>${arn.split('/').pop()}</PolicyName><Arn>${arn}</Arn><DefaultVersionId>${policy.defaultVersion}</DefaultVersionId></Policy>`,
      };
    },
    GetPolicyVersion: (params) => {
      const policy = policyByArn(params.get('PolicyArn') ?? '');
      const version = policy?.versions.find((v) => v.id === params.get('VersionId'));
      if (!policy || !version) return noSuchEntity(`policy version ${params.get('VersionId')}`);
      return {
        xml: `<PolicyVersion><Document>${xmlEscape(encodeURIComponent(version.document))}</Document><VersionId>${version.id}</VersionId><IsDefaultVersion>${version.id === policy.defaultVersion}</IsDefaultVersion><CreateDate>${version.createdAt}</CreateDate></PolicyVersion>`,
      };
    },
    ListPolicyVersions: (params) => {
      const policy = policyByArn(params.get('PolicyArn') ?? '');
      if (!policy) return noSuchEntity(`policy ${params.get('PolicyArn')}`);
      const members = policy.versions
        .map(
          (v) =>
            `<member><VersionId>${v.id}</VersionId><IsDefaultVersion>${v.id === policy.defaultVersion}</IsDefaultVersion><CreateDate>${v.createdAt}</CreateDate></member>`,
        )
        .join('');
      return { xml: `<Versions>${members}</Versions><IsTruncated>false</IsTruncated>` };
    },
    CreatePolicyVersion: (params) => {
      const policy = policyByArn(params.get('PolicyArn') ?? '');
      if (!policy) return noSuchEntity(`policy ${params.get('PolicyArn')}`);
      if (policy.versions.length >= 5)
        return {
          error: {
            code: 'LimitExceeded',
            message: 'A managed policy can have up to 5 versions.',
            status: 409,
          },
        };
      const id = `v${policy.nextVersion}`;
      policy.nextVersion += 1;
      const document = params.get('PolicyDocument') ?? '';
      policy.versions.push({ id, document, createdAt: versionTime(policy.nextVersion) });
      if (params.get('SetAsDefault') === 'true') {
        policy.defaultVersion = id;
        policy.document = document;
      }
      return {
        xml: `<PolicyVersion><VersionId>${id}</VersionId><IsDefaultVersion>${policy.defaultVersion === id}</IsDefaultVersion></PolicyVersion>`,
      };
    },
    DeletePolicyVersion: (params) => {
      const policy = policyByArn(params.get('PolicyArn') ?? '');
      const id = params.get('VersionId');
      if (!policy || !policy.versions.some((v) => v.id === id))
        return noSuchEntity(`policy version ${id}`);
      if (id === policy.defaultVersion)
        return {
          error: {
            code: 'DeleteConflict',
            message: 'Cannot delete the default version.',
            status: 409,
          },
        };
      policy.versions = policy.versions.filter((v) => v.id !== id);
      return { xml: '' };
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
      const document = params.get('PolicyDocument') ?? '';
      policies.set(name, {
        arn,
        document,
        defaultVersion: 'v1',
        versions: [{ id: 'v1', document, createdAt: versionTime(1) }],
        nextVersion: 2,
      });
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
    ListAttachedRolePolicies: (params) => {
      const role = roles.get(params.get('RoleName') ?? '');
      if (!role) return noSuchEntity(`role with name ${params.get('RoleName')}`);
      const members = [...role.attached]
        .map(
          (arn) =>
            `<member><PolicyName>${xmlEscape(arn.split('/').pop() ?? '')}</PolicyName><PolicyArn>${arn}</PolicyArn></member>`,
        )
        .join('');
      return {
        xml: `<AttachedPolicies>${members}</AttachedPolicies><IsTruncated>false</IsTruncated>`,
      };
    },
    ...options.overrides,
  };
  return {
    handler: (): HttpHandler => awsQueryService(iamUrl, actions, options.calls),
    actions,
    roles,
    policies,
  };
}
