import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { IAMClient } from '@aws-sdk/client-iam';
import {
  CreateNotebookInstanceCommand,
  CreateNotebookInstanceLifecycleConfigCommand,
  CreatePresignedNotebookInstanceUrlCommand,
  DeleteNotebookInstanceCommand,
  DescribeNotebookInstanceCommand,
  StartNotebookInstanceCommand,
  StopNotebookInstanceCommand,
  UpdateNotebookInstanceCommand,
  UpdateNotebookInstanceLifecycleConfigCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';

import {
  ConflictError,
  UnavailableError,
  ValidationError,
  type ComputeEventBus,
  type LifecycleScripts,
  type NotebookBackend,
  type NotebookDescription,
  type NotebookStatus,
  type ProjectContext,
} from '@mlspace/core';

import { resourceTags } from '../tags';
import { ensureProjectUserRole, type UserScopedRoles } from './project-user-role';

export interface SageMakerNotebookSettings {
  systemTag: string;
  kmsKeyId: string;
  subnetIds: readonly string[];
  securityGroupIds: readonly string[];
  /** The notebook role when user-scoped roles are off. */
  notebookRoleArn: string;
  /** When present, each project member's notebooks run as their own project-user role. */
  userScopedRoles?: UserScopedRoles;
  /** Picks a subnet; injectable so tests are deterministic. */
  pickSubnet?: (subnetIds: readonly string[]) => string;
}

export interface SageMakerNotebookClients {
  sagemaker: SageMakerClient;
  iam: IAMClient;
  logs: CloudWatchLogsClient;
}

export const notebookLogGroup = '/aws/sagemaker/NotebookInstances';

const toBase64 = (script: string) => Buffer.from(script, 'utf8').toString('base64');

function lifecycleConfigName(name: string): string {
  // Cut to SageMaker's 63 characters, which must not end in a hyphen.
  return `${name}-lifecycle`.slice(0, 63).replace(/-+$/, '');
}

function hooks(scripts: LifecycleScripts) {
  return {
    OnCreate: scripts.onCreate ? [{ Content: toBase64(scripts.onCreate) }] : undefined,
    OnStart: scripts.onStart ? [{ Content: toBase64(scripts.onStart) }] : undefined,
  };
}

/** SageMaker says "does not exist" with a ValidationException rather than a NotFound error. */
function isMissing(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationException' &&
    /does not exist|RecordNotFound/i.test(error.message)
  );
}

/** SageMaker's refusals are shown as they are, naming the service, next to the control. */
function explain(action: string, error: unknown): never {
  if (error instanceof Error && error.name === 'ValidationException') {
    throw new ValidationError('notebook', `SageMaker refused to ${action}: ${error.message}`);
  }
  if (error instanceof Error && error.name === 'ResourceInUse')
    throw new ConflictError(`SageMaker refused to ${action}: ${error.message}`);
  if (error instanceof Error && error.name === 'ResourceLimitExceeded')
    throw new UnavailableError(`SageMaker refused to ${action}: ${error.message}`);
  throw error;
}

/** Cursor = `<nextToken>` while pages remain, else `t:<time after the last event>` to follow. */
function parseLogCursor(cursor: string | undefined): { nextToken?: string; startTime?: number } {
  if (!cursor) return {};
  if (cursor.startsWith('t:')) return { startTime: Number(cursor.slice(2)) };
  return { nextToken: cursor };
}

/** The AWS implementation of notebooks on the compute-backend port: SageMaker notebook instances. */
export function createSageMakerNotebookBackend(
  clients: SageMakerNotebookClients,
  settings: SageMakerNotebookSettings,
  events?: ComputeEventBus,
): NotebookBackend {
  const { sagemaker } = clients;
  const pickSubnet =
    settings.pickSubnet ?? ((ids) => ids[Math.floor(Math.random() * ids.length)] ?? '');

  async function roleFor(owner: ProjectContext): Promise<string> {
    if (owner.roleArn) return owner.roleArn;
    if (!settings.userScopedRoles) return settings.notebookRoleArn;
    return ensureProjectUserRole(clients.iam, settings.userScopedRoles, owner, settings.systemTag);
  }

  async function describe(name: string): Promise<NotebookDescription | null> {
    try {
      const result = await sagemaker.send(
        new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }),
      );
      return {
        name,
        status: (result.NotebookInstanceStatus ?? 'Pending') as NotebookStatus,
        instanceType: result.InstanceType ?? '',
        volumeSizeGb: result.VolumeSizeInGB ?? 5,
        failureReason: result.FailureReason,
        arn: result.NotebookInstanceArn,
        metadata: {
          ...(result.NotebookInstanceArn ? { arn: result.NotebookInstanceArn } : {}),
          ...(result.RoleArn ? { roleArn: result.RoleArn } : {}),
          ...(result.SubnetId ? { subnetId: result.SubnetId } : {}),
        },
        createdAt: result.CreationTime?.toISOString(),
        lastModifiedAt: result.LastModifiedTime?.toISOString(),
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  return {
    async create(request) {
      const roleArn = await roleFor(request.owner);
      const tags = resourceTags({
        project: request.owner.project,
        user: request.owner.username,
        systemTag: settings.systemTag,
      });
      const hasScripts = Boolean(request.lifecycle.onCreate || request.lifecycle.onStart);
      const lifecycle = lifecycleConfigName(request.name);
      try {
        if (hasScripts) {
          await sagemaker.send(
            new CreateNotebookInstanceLifecycleConfigCommand({
              NotebookInstanceLifecycleConfigName: lifecycle,
              ...hooks(request.lifecycle),
              Tags: tags,
            }),
          );
        }
        const created = await sagemaker.send(
          new CreateNotebookInstanceCommand({
            NotebookInstanceName: request.name,
            InstanceType: request.instanceType as never,
            VolumeSizeInGB: request.volumeSizeGb,
            RoleArn: roleArn,
            KmsKeyId: settings.kmsKeyId,
            SubnetId: pickSubnet(settings.subnetIds),
            SecurityGroupIds: [...settings.securityGroupIds],
            DirectInternetAccess: 'Disabled',
            RootAccess: 'Disabled',
            LifecycleConfigName: hasScripts ? lifecycle : undefined,
            Tags: tags,
          }),
        );
        const arn = created.NotebookInstanceArn ?? '';
        return {
          name: request.name,
          status: 'Pending',
          instanceType: request.instanceType,
          volumeSizeGb: request.volumeSizeGb,
          arn,
          metadata: { arn, roleArn },
        };
      } catch (error) {
        return explain(`create notebook ${request.name}`, error);
      }
    },

    describe,

    async start(name, _owner, lifecycle) {
      try {
        if (lifecycle.onCreate || lifecycle.onStart) {
          await sagemaker
            .send(
              new UpdateNotebookInstanceLifecycleConfigCommand({
                NotebookInstanceLifecycleConfigName: lifecycleConfigName(name),
                ...hooks(lifecycle),
              }),
            )
            .catch((error: unknown) => {
              if (!isMissing(error)) throw error;
            });
        }
        await sagemaker.send(new StartNotebookInstanceCommand({ NotebookInstanceName: name }));
      } catch (error) {
        return explain(`start notebook ${name}`, error);
      }
      events?.emit({ kind: 'notebook', name, status: 'Pending', at: new Date().toISOString() });
    },

    async stop(name) {
      try {
        await sagemaker.send(new StopNotebookInstanceCommand({ NotebookInstanceName: name }));
      } catch (error) {
        return explain(`stop notebook ${name}`, error);
      }
    },

    async update(request) {
      try {
        if (request.lifecycle) {
          await sagemaker
            .send(
              new UpdateNotebookInstanceLifecycleConfigCommand({
                NotebookInstanceLifecycleConfigName: lifecycleConfigName(request.name),
                ...hooks(request.lifecycle),
              }),
            )
            .catch(async (error: unknown) => {
              if (
                !isMissing(error) &&
                !(
                  error instanceof Error &&
                  /Unable to describe|not found|does not exist/i.test(error.message)
                )
              )
                throw error;
              await sagemaker.send(
                new CreateNotebookInstanceLifecycleConfigCommand({
                  NotebookInstanceLifecycleConfigName: lifecycleConfigName(request.name),
                  ...hooks(request.lifecycle ?? {}),
                }),
              );
            });
        }
        await sagemaker.send(
          new UpdateNotebookInstanceCommand({
            NotebookInstanceName: request.name,
            InstanceType: request.instanceType as never,
            VolumeSizeInGB: request.volumeSizeGb,
            LifecycleConfigName: request.lifecycle ? lifecycleConfigName(request.name) : undefined,
          }),
        );
      } catch (error) {
        return explain(`update notebook ${request.name}`, error);
      }
    },

    async delete(name) {
      try {
        await sagemaker.send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: name }));
      } catch (error) {
        if (isMissing(error)) return;
        return explain(`delete notebook ${name}`, error);
      }
    },

    async openUrl(name) {
      try {
        const result = await sagemaker.send(
          new CreatePresignedNotebookInstanceUrlCommand({
            NotebookInstanceName: name,
            SessionExpirationDurationInSeconds: 1800,
          }),
        );
        if (!result.AuthorizedUrl)
          throw new UnavailableError(`SageMaker returned no URL for notebook ${name}`);
        return { url: result.AuthorizedUrl };
      } catch (error) {
        return explain(`open notebook ${name}`, error);
      }
    },

    async logs(request) {
      const { nextToken, startTime } = parseLogCursor(request.cursor);
      const result = await clients.logs
        .send(
          new FilterLogEventsCommand({
            logGroupName: notebookLogGroup,
            logStreamNamePrefix: `${request.name}/`,
            nextToken,
            startTime,
            limit: request.limit ?? 500,
          }),
        )
        .catch((error: unknown) => {
          // No log group yet: the notebook has not written anything.
          if (error instanceof Error && error.name === 'ResourceNotFoundException')
            return { events: [], nextToken: undefined };
          throw error;
        });
      const lines = (result.events ?? []).map((event) => ({
        at: new Date(event.timestamp ?? 0).toISOString(),
        message: `${event.logStreamName?.split('/').pop() ?? ''}: ${event.message ?? ''}`.trimEnd(),
      }));
      const last = (result.events ?? []).reduce(
        (latest, event) => Math.max(latest, event.timestamp ?? 0),
        startTime ?? 0,
      );
      const cursor = result.nextToken ?? `t:${last > 0 ? last + 1 : Date.now() - 60_000}`;
      return { lines, cursor };
    },
  };
}
