/**
 * The instance-type constraints of project-user roles: what SageMaker work started with the SDK
 * from a notebook (or a job's code) may run on, generated from the dynamic configuration's allowed
 * instance types, as the API enforces them for work started in the portal.
 *
 * One managed policy per kind, since a deployment that allows most of the catalogue for every kind
 * would not fit IAM's 6,144 characters in one document. They are deployment-wide
 * (`<prefix>-instance-types-<kind>`, under the project-user prefix the app may write, ADR 008),
 * attached to every project-user role, rewritten when an administrator saves the configuration and
 * brought to the current configuration each time a role is used.
 */
import type { IAMClient } from '@aws-sdk/client-iam';

import { instanceKinds, type InstanceKind } from '@mlspace/core';

import { ensurePolicy } from './managed-policy';

export type AllowedInstanceTypesByKind = Readonly<Record<InstanceKind, readonly string[]>>;

/**
 * The SageMaker calls that take an instance type (condition key `sagemaker:InstanceTypes`) and
 * that project-user roles are granted, by the kind whose allowed types govern them. Other calls
 * taking an instance type (processing, AutoML, apps, clusters...) are not granted at all.
 */
export const instanceTypeGovernedCalls: Record<InstanceKind, readonly string[]> = {
  notebook: ['sagemaker:CreateNotebookInstance', 'sagemaker:UpdateNotebookInstance'],
  training: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateHyperParameterTuningJob'],
  transform: ['sagemaker:CreateTransformJob'],
  endpoint: ['sagemaker:CreateEndpointConfig'],
};

export function instanceTypeConstraintPolicyName(prefix: string, kind: InstanceKind): string {
  return `${prefix}-instance-types-${kind}`;
}

/**
 * Denies the kind's calls when any instance type they name is not allowed. A call naming none
 * (a serverless endpoint configuration, a notebook update that keeps its type) is not denied;
 * with nothing allowed, the calls are denied outright (IAM takes no empty value list).
 */
export function instanceTypeConstraintDocument(kind: InstanceKind, allowed: readonly string[]) {
  const types = [...new Set(allowed)].sort();
  for (const type of types) {
    if (!/^ml\.[a-z0-9-]+\.[a-z0-9-]+$/.test(type))
      throw new Error(`${JSON.stringify(type)} is not a SageMaker instance type`);
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: types.length > 0 ? 'OnlyAllowedInstanceTypes' : 'NoInstanceTypeAllowed',
        Effect: 'Deny',
        Action: [...instanceTypeGovernedCalls[kind]],
        Resource: '*',
        ...(types.length > 0
          ? { Condition: { 'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': types } } }
          : {}),
      },
    ],
  };
}

/** Brings the four policies to `allowed`; returns their ARNs (notebook, training, transform, endpoint). */
export async function ensureInstanceTypeConstraints(
  iam: IAMClient,
  names: { prefix: string; accountId: string },
  allowed: AllowedInstanceTypesByKind,
): Promise<string[]> {
  const arns: string[] = [];
  for (const kind of instanceKinds) {
    arns.push(
      await ensurePolicy(
        iam,
        instanceTypeConstraintPolicyName(names.prefix, kind),
        instanceTypeConstraintDocument(kind, allowed[kind]),
        names.accountId,
        `allow fewer ${kind} instance types`,
      ),
    );
  }
  return arns;
}
