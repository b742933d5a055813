import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';

import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  ValidationError,
  instanceStorageTypes,
  type LogPage,
  type LogRequest,
  type ProjectContext,
} from '@mlspace/core';

import { ensureProjectUserRole, type UserScopedRoles } from '../notebooks/project-user-role';
import { resourceTags } from '../tags';

export interface SageMakerJobsClients {
  sagemaker: SageMakerClient;
  runtime: SageMakerRuntimeClient;
  logs: CloudWatchLogsClient;
  iam: IAMClient;
}

export interface SageMakerJobsSettings {
  region: string;
  systemTag: string;
  kmsKeyId: string;
  subnetIds: readonly string[];
  securityGroupIds: readonly string[];
  /** The execution role when user-scoped roles are off. */
  executionRoleArn: string;
  userScopedRoles?: UserScopedRoles;
  /** Picks `count` subnets; injectable so tests are deterministic. */
  pickSubnets?: (subnetIds: readonly string[], count: number) => string[];
}

/** What every SageMaker call of MLSpace shares: role, tags, VPC and KMS rules, error mapping. */
export function sagemakerContext(clients: SageMakerJobsClients, settings: SageMakerJobsSettings) {
  const pickSubnets =
    settings.pickSubnets ??
    ((ids, count) => [...ids].sort(() => Math.random() - 0.5).slice(0, count));
  return {
    clients,
    settings,
    async roleFor(owner: ProjectContext): Promise<string> {
      if (owner.roleArn) return owner.roleArn;
      if (!settings.userScopedRoles) return settings.executionRoleArn;
      return ensureProjectUserRole(
        clients.iam,
        settings.userScopedRoles,
        owner,
        settings.systemTag,
      );
    },
    tags(owner: ProjectContext) {
      return resourceTags({
        project: owner.project,
        user: owner.username,
        systemTag: settings.systemTag,
      });
    },
    vpcConfig(subnetCount: number) {
      return {
        SecurityGroupIds: [...settings.securityGroupIds],
        Subnets: pickSubnets(settings.subnetIds, subnetCount),
      };
    },
    /** `""` for instance types with instance storage (SageMaker rejects a key there), else the key. */
    volumeKmsKeyId(instanceType: string): string {
      return instanceStorageTypes.includes(instanceType) ? '' : settings.kmsKeyId;
    },
  };
}

export type SageMakerContext = ReturnType<typeof sagemakerContext>;

/** SageMaker says "not found" with a ValidationException or ResourceNotFound. */
export function isMissing(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'ResourceNotFound' ||
      (error.name === 'ValidationException' &&
        /does not exist|could not find|not found/i.test(error.message)))
  );
}

/** SageMaker's refusals, shown as they are and naming the service. */
export function explain(action: string, field: string, error: unknown): never {
  if (!(error instanceof Error)) throw error;
  if (error.name === 'ValidationException') {
    if (/already exist|duplicate/i.test(error.message))
      throw new ConflictError(`The resource name you provided already exists: ${error.message}`);
    throw new ValidationError(field, `SageMaker refused to ${action}: ${error.message}`);
  }
  if (error.name === 'ResourceInUse')
    throw new ConflictError(`SageMaker refused to ${action}: ${error.message}`);
  if (error.name === 'ResourceLimitExceeded')
    throw new UnavailableError(
      `SageMaker refused to ${action}: the account's limit is reached (${error.message})`,
    );
  if (error.name === 'ResourceNotFound')
    throw new NotFoundError(`SageMaker refused to ${action}: ${error.message}`);
  throw error;
}

/** Cursor = CloudWatch's nextToken while pages remain, else `t:<ms>` to follow new events. */
export async function readCloudWatchLogs(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  streamPrefix: string | undefined,
  request: LogRequest,
): Promise<LogPage> {
  const cursor = request.cursor;
  const startTime = cursor?.startsWith('t:') ? Number(cursor.slice(2)) : undefined;
  const nextToken = cursor && !cursor.startsWith('t:') ? cursor : undefined;
  const result = await logs
    .send(
      new FilterLogEventsCommand({
        logGroupName,
        logStreamNamePrefix: streamPrefix,
        nextToken,
        startTime,
        limit: request.limit ?? 500,
      }),
    )
    .catch((error: unknown) => {
      if (error instanceof Error && error.name === 'ResourceNotFoundException')
        return { events: [], nextToken: undefined };
      throw error;
    });
  const events = result.events ?? [];
  const last = events.reduce(
    (latest, event) => Math.max(latest, event.timestamp ?? 0),
    startTime ?? 0,
  );
  return {
    lines: events.map((event) => ({
      at: new Date(event.timestamp ?? 0).toISOString(),
      message: (event.message ?? '').trimEnd(),
    })),
    cursor: result.nextToken ?? `t:${last + (events.length > 0 ? 1 : 0)}`,
  };
}

export function arnMetadata(arn: string | undefined): Record<string, string> {
  return arn ? { arn } : {};
}
