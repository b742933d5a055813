import { xmlEscape, type AwsQueryAction } from './aws-query';
import { fakeRoleId } from './iam';

interface FakeRole {
  arn: string;
  attached: Set<string>;
  tags: Record<string, string>;
}

interface FakePolicy {
  arn: string;
  /** Present when the fake keeps policy versions; otherwise the policy has only `v1`. */
  versions?: { id: string }[];
  defaultVersion?: string;
}

/**
 * IAM's listing and deletion of roles and policies, for `fakeIam({ overrides })`. It works on the
 * fake's own maps, read through `state` at call time (they exist only once fakeIam returned):
 *
 *   const iam: ReturnType<typeof fakeIam> = fakeIam({
 *     overrides: iamRoleDeletionActions(() => iam),
 *   });
 *
 * As in IAM, deleting a role with policies still attached or inline, or a policy still attached,
 * is a DeleteConflict.
 */
export function iamRoleDeletionActions(
  state: () => { roles: Map<string, FakeRole>; policies: Map<string, FakePolicy> },
): Record<string, AwsQueryAction> {
  const inlinePolicies = new Map<string, Map<string, string>>();
  const missing = (what: string) => ({
    error: { code: 'NoSuchEntity', message: `The ${what} cannot be found.`, status: 404 },
  });
  const conflict = (message: string) => ({
    error: { code: 'DeleteConflict', message, status: 409 },
  });
  const page = (list: string, items: string[]) =>
    `<${list}>${items.map((item) => `<member>${item}</member>`).join('')}</${list}><IsTruncated>false</IsTruncated>`;
  const role = (params: URLSearchParams) => state().roles.get(params.get('RoleName') ?? '');
  const policyByArn = (arn: string) =>
    [...state().policies.entries()].find(([, policy]) => policy.arn === arn);

  return {
    ListRoles: () => ({
      xml: page(
        'Roles',
        [...state().roles.entries()].map(
          ([name, found]) =>
            `<RoleName>${xmlEscape(name)}</RoleName><Arn>${found.arn}</Arn><Path>/</Path><RoleId>${fakeRoleId}</RoleId><CreateDate>2026-01-01T00:00:00Z</CreateDate>`,
        ),
      ),
    }),
    ListRoleTags: (params) => {
      const found = role(params);
      if (!found) return missing(`role with name ${params.get('RoleName')}`);
      return {
        xml: page(
          'Tags',
          Object.entries(found.tags).map(
            ([key, value]) => `<Key>${xmlEscape(key)}</Key><Value>${xmlEscape(value)}</Value>`,
          ),
        ),
      };
    },
    ListAttachedRolePolicies: (params) => {
      const found = role(params);
      if (!found) return missing(`role with name ${params.get('RoleName')}`);
      return {
        xml: page(
          'AttachedPolicies',
          [...found.attached].map(
            (arn) =>
              `<PolicyName>${xmlEscape(arn.split('/').pop() ?? '')}</PolicyName><PolicyArn>${arn}</PolicyArn>`,
          ),
        ),
      };
    },
    DetachRolePolicy: (params) => {
      if (!role(params)?.attached.delete(params.get('PolicyArn') ?? ''))
        return missing(`policy ${params.get('PolicyArn')} on ${params.get('RoleName')}`);
      return { xml: '' };
    },
    PutRolePolicy: (params) => {
      const name = params.get('RoleName') ?? '';
      if (!role(params)) return missing(`role with name ${name}`);
      const inline = inlinePolicies.get(name) ?? new Map<string, string>();
      inline.set(params.get('PolicyName') ?? '', params.get('PolicyDocument') ?? '');
      inlinePolicies.set(name, inline);
      return { xml: '' };
    },
    ListRolePolicies: (params) => {
      const name = params.get('RoleName') ?? '';
      if (!role(params)) return missing(`role with name ${name}`);
      return { xml: page('PolicyNames', [...(inlinePolicies.get(name)?.keys() ?? [])]) };
    },
    DeleteRolePolicy: (params) => {
      const name = params.get('RoleName') ?? '';
      if (!inlinePolicies.get(name)?.delete(params.get('PolicyName') ?? ''))
        return missing(`policy ${params.get('PolicyName')} on ${name}`);
      return { xml: '' };
    },
    DeleteRole: (params) => {
      const name = params.get('RoleName') ?? '';
      const found = role(params);
      if (!found) return missing(`role with name ${name}`);
      if (found.attached.size > 0 || (inlinePolicies.get(name)?.size ?? 0) > 0)
        return conflict('Cannot delete entity, must detach all policies first.');
      state().roles.delete(name);
      inlinePolicies.delete(name);
      return { xml: '' };
    },
    ListPolicies: () => ({
      xml: page(
        'Policies',
        [...state().policies.entries()].map(
          ([name, policy]) =>
            `<PolicyName>${xmlEscape(name)}</PolicyName><Arn>${policy.arn}</Arn><DefaultVersionId>${policy.defaultVersion ?? 'v1'}</DefaultVersionId>`,
        ),
      ),
    }),
    ListPolicyVersions: (params) => {
      const found = policyByArn(params.get('PolicyArn') ?? '');
      if (!found) return missing(`policy ${params.get('PolicyArn')}`);
      const [, policy] = found;
      const defaultVersion = policy.defaultVersion ?? 'v1';
      const versions = policy.versions?.map((version) => version.id) ?? ['v1'];
      return {
        xml: page(
          'Versions',
          versions.map(
            (id) =>
              `<VersionId>${id}</VersionId><IsDefaultVersion>${id === defaultVersion}</IsDefaultVersion>`,
          ),
        ),
      };
    },
    DeletePolicy: (params) => {
      const arn = params.get('PolicyArn') ?? '';
      const found = policyByArn(arn);
      if (!found) return missing(`policy ${arn}`);
      if ([...state().roles.values()].some((candidate) => candidate.attached.has(arn)))
        return conflict('Cannot delete a policy attached to entities.');
      if ((found[1].versions?.length ?? 1) > 1)
        return conflict('Cannot delete a policy with versions other than the default.');
      state().policies.delete(found[0]);
      return { xml: '' };
    },
  };
}
