// The synthesized IAM as the account would hold it: Terraform references resolved to concrete
// ARNs, evaluated by the tests' IAM evaluator (@mlspace/testing/iam-policy), which throws on a
// condition operator it does not know, so a new one cannot pass unseen.
import {
  evaluateIam,
  type PolicyDocument,
  type PolicyStatementJson,
} from '@mlspace/testing/iam-policy';

import type { TfJson } from './helpers';

export interface PolicyStatement {
  sid?: string;
  effect?: string;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  not_resources?: string[];
  condition?: { test: string; variable: string; values: string[] }[];
}

export interface CustomerPolicy {
  name: string;
  arn: string;
  statements: PolicyStatement[];
}

export interface RoleModel {
  name: string;
  arn: string;
  /** The boundary's ARN; its statements when the stack defines it. */
  boundary?: { arn: string; statements?: PolicyStatement[] };
  /** Customer policies from this stack; AWS managed ones are listed by ARN only. */
  policies: CustomerPolicy[];
  managedPolicyArns: string[];
}

export type Context = Record<string, string | string[]>;
export interface Request {
  action: string;
  resource: string;
  context?: Context;
}

export interface IamModel {
  roles: Map<string, RoleModel>;
  policies: Map<string, CustomerPolicy>;
  /** The role a Lambda function runs as, by function name. */
  roleOfFunction(functionName: string): RoleModel;
  resolve(value: string): string;
}

export function iamModel(tf: TfJson, place: { account: string; region: string }): IamModel {
  const { account, region } = place;
  const resource = (type: string, key: string) => {
    const found = tf.resource[type]?.[key];
    if (!found) throw new Error(`No ${type}.${key} in the synthesized stack`);
    return found as Record<string, string>;
  };
  const attribute: Record<string, (key: string, attr: string) => string> = {
    aws_iam_policy: (k) => `arn:aws:iam::${account}:policy/${resource('aws_iam_policy', k).name}`,
    aws_iam_role: (k, attr) => {
      const name = resource('aws_iam_role', k).name ?? '';
      return attr === 'name' ? name : `arn:aws:iam::${account}:role/${name}`;
    },
    aws_s3_bucket: (k, attr) => {
      const bucket = resource('aws_s3_bucket', k).bucket ?? '';
      return attr === 'arn' ? `arn:aws:s3:::${bucket}` : bucket;
    },
    aws_dynamodb_table: (k, attr) => {
      const name = resource('aws_dynamodb_table', k).name ?? '';
      return attr === 'arn' ? `arn:aws:dynamodb:${region}:${account}:table/${name}` : name;
    },
    aws_kms_key: (k) => `arn:aws:kms:${region}:${account}:key/${k}`,
    aws_secretsmanager_secret: (k) =>
      `arn:aws:secretsmanager:${region}:${account}:secret:${resource('aws_secretsmanager_secret', k).name}-AbCdEf`,
  };
  const resolve = (value: string): string =>
    value.replace(/\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z_]+)\}/g, (whole, type: string, key, attr) => {
      const of = attribute[type];
      if (!of) throw new Error(`Cannot resolve ${whole}: add ${type} to test/iam-model.ts`);
      return of(key, attr);
    });

  const documents = tf.data.aws_iam_policy_document ?? {};
  const statementsOf = (jsonRef: string): PolicyStatement[] => {
    const key = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(jsonRef)?.[1];
    const doc = key ? documents[key] : undefined;
    if (!doc) throw new Error(`Policy ${jsonRef} is not a policy document of this stack`);
    const resolveAll = (list?: string[]) => list?.map(resolve);
    return (doc.statement as PolicyStatement[]).map((s) => ({
      ...s,
      resources: resolveAll(s.resources),
      not_resources: resolveAll(s.not_resources),
      condition: s.condition?.map((c) => ({ ...c, values: c.values.map(resolve) })),
    }));
  };

  const policies = new Map<string, CustomerPolicy>();
  for (const [key, p] of Object.entries(tf.resource.aws_iam_policy ?? {})) {
    const arn = attribute.aws_iam_policy!(key, 'arn');
    policies.set(arn, { name: String(p.name), arn, statements: statementsOf(String(p.policy)) });
  }

  const roles = new Map<string, RoleModel>();
  for (const [key, r] of Object.entries(tf.resource.aws_iam_role ?? {})) {
    const arn = attribute.aws_iam_role!(key, 'arn');
    const boundaryArn = r.permissions_boundary ? resolve(String(r.permissions_boundary)) : '';
    const attached = Object.values(tf.resource.aws_iam_role_policy_attachment ?? {})
      .filter((a) => resolve(String(a.role)) === r.name)
      .map((a) => resolve(String(a.policy_arn)));
    roles.set(arn, {
      name: String(r.name),
      arn,
      boundary: boundaryArn
        ? { arn: boundaryArn, statements: policies.get(boundaryArn)?.statements }
        : undefined,
      policies: attached.flatMap((a) => policies.get(a) ?? []),
      managedPolicyArns: attached.filter((a) => !policies.has(a)),
    });
  }

  return {
    roles,
    policies,
    resolve,
    roleOfFunction(functionName) {
      const fn = Object.values(tf.resource.aws_lambda_function ?? {}).find(
        (f) => f.function_name === functionName,
      );
      const role = fn ? roles.get(resolve(String(fn.role))) : undefined;
      if (!role) throw new Error(`No role in this stack for the function ${functionName}`);
      return role;
    },
  };
}

/** A synthesized statement in IAM's JSON form (`&{...}` is Terraform's spelling of `${...}`). */
export function statementJson(statement: PolicyStatement): PolicyStatementJson {
  const condition: Record<string, Record<string, string[]>> = {};
  for (const { test, variable, values } of statement.condition ?? []) {
    const block = (condition[test] ??= {});
    if (block[variable]) throw new Error(`${test} on ${variable} twice in ${statement.sid}`);
    block[variable] = values.map((value) => value.replace(/&\{/g, '${'));
  }
  return {
    Sid: statement.sid,
    Effect: statement.effect ?? 'Allow',
    ...(statement.actions ? { Action: statement.actions } : { NotAction: statement.not_actions }),
    ...(statement.resources
      ? { Resource: statement.resources.map((r) => r.replace(/&\{/g, '${')) }
      : { NotResource: statement.not_resources }),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

export const documentOf = (statements: PolicyStatement[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements.map(statementJson),
});

export type Decision = 'allowed' | 'denied';

/** Explicit deny wins; otherwise an Allow is needed in the role's policies and in its boundary. */
export function evaluate(role: RoleModel, request: Request): Decision {
  const boundary = role.boundary?.statements;
  return evaluateIam(
    {
      policies: role.policies.map((policy) => documentOf(policy.statements)),
      boundary: boundary ? documentOf(boundary) : undefined,
    },
    request,
  );
}

/** Every action an Allow statement of the role's own policies names (exact names, no patterns). */
export function grantedActions(role: RoleModel): Set<string> {
  return new Set(
    role.policies
      .flatMap((p) => p.statements)
      .filter((s) => s.effect !== 'Deny')
      .flatMap((s) => s.actions ?? []),
  );
}
