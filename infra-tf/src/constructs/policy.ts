import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import type { Construct } from 'constructs';

export interface Statement {
  sid?: string;
  effect?: 'Allow' | 'Deny';
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/**
 * Policies are `aws_iam_policy_document` data sources rather than jsonencode strings: the
 * synthesized JSON then keeps statements structured, which the synth tests inspect.
 */
export function policyDocument(
  scope: Construct,
  id: string,
  statements: Statement[],
): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: statements.map((s) => ({
      sid: s.sid,
      effect: s.effect ?? 'Allow',
      actions: s.actions,
      notActions: s.notActions,
      resources: s.resources,
      notResources: s.notResources,
      principals: s.principals,
      condition: s.conditions,
    })),
  });
}

export const servicePrincipal = (service: string) => [{ type: 'Service', identifiers: [service] }];

export function assumeRolePolicy(
  scope: Construct,
  id: string,
  services: string[],
): DataAwsIamPolicyDocument {
  return policyDocument(scope, id, [
    { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: services }] },
  ]);
}
