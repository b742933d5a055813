/**
 * Clusters on Amazon EMR, as the reference ran them: RunJobFlow with the deployment's service and
 * instance roles, its security configuration (the deployment's KMS key) and logs bucket, the
 * project, user and system tags, and managed scaling within the requested limits; termination
 * protection off, then TerminateJobFlows. State changes arrive as EMR Cluster State Change events
 * (events/emr-cluster.ts); describe answers what EMR says now.
 */
import {
  DescribeClusterCommand,
  ListInstanceGroupsCommand,
  ListInstancesCommand,
  RunJobFlowCommand,
  SetTerminationProtectionCommand,
  EMRClient,
  TerminateJobFlowsCommand,
  type Cluster,
  type RunJobFlowCommandInput,
} from '@aws-sdk/client-emr';

import {
  NotFoundError,
  UnavailableError,
  ValidationError,
  type ClusterBackend,
  type ClusterDescription,
  type ClusterInstance,
  type ClusterStatus,
  type CreateClusterRequest,
} from '@mlspace/core';

import { controlPlaneCallLimits } from '../client-limits';
import { resourceTags } from '../tags';

export interface EmrClusterSettings {
  systemTag: string;
  /** EMR's service role (the reference's EMR_DefaultRole). */
  serviceRoleArn: string;
  /** The instance profile the cluster's EC2 instances run as (EMR_EC2_DefaultRole). */
  instanceProfileName: string;
  /** The security configuration that encrypts with the deployment's KMS key. */
  securityConfiguration: string;
  /** `s3://<logs bucket>/emr/`: EMR writes each cluster's logs below it. */
  logUri: string;
  subnetIds: readonly string[];
  /** An EC2 key pair for SSH to the primary node, when the operator names one. */
  ec2KeyName?: string;
  /** Picks the subnet when the request names none; injectable so tests are deterministic. */
  pickSubnet?: (subnetIds: readonly string[]) => string | undefined;
}

/** EMR's states (`TERMINATED_WITH_ERRORS`) in the words the portal shows. */
const statusOfState: Record<string, ClusterStatus> = {
  STARTING: 'Starting',
  BOOTSTRAPPING: 'Bootstrapping',
  RUNNING: 'Running',
  WAITING: 'Waiting',
  TERMINATING: 'Terminating',
  TERMINATED: 'Terminated',
  TERMINATED_WITH_ERRORS: 'TerminatedWithErrors',
};

export function clusterStatusOfState(state: string | undefined): ClusterStatus | null {
  return (state && statusOfState[state]) || null;
}

const roleOfGroupType: Record<string, ClusterInstance['role']> = {
  MASTER: 'primary',
  CORE: 'core',
  TASK: 'task',
};

/** EMR's refusals, shown as they are and naming the service. */
function explain(action: string, error: unknown): never {
  if (!(error instanceof Error)) throw error;
  if (error.name === 'InvalidRequestException' || error.name === 'ValidationException')
    throw new ValidationError('cluster', `EMR refused to ${action}: ${error.message}`);
  if (error.name === 'InternalServerError' || error.name === 'InternalServerException')
    throw new UnavailableError(`EMR could not ${action} now: ${error.message}`);
  throw error;
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'InvalidRequestException' &&
    /does not exist|not found|not valid/i.test(error.message)
  );
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : undefined);

export function describeEmrCluster(cluster: Cluster): ClusterDescription | null {
  const status = clusterStatusOfState(cluster.Status?.State);
  if (!status || !cluster.Id) return null;
  const reason = cluster.Status?.StateChangeReason;
  const timeline = cluster.Status?.Timeline;
  const ended = status === 'TerminatedWithErrors';
  return {
    id: cluster.Id,
    name: cluster.Name ?? '',
    status,
    ...(reason?.Code || reason?.Message
      ? { stateChangeReason: { code: reason.Code, message: reason.Message } }
      : {}),
    ...(ended && reason?.Message ? { failureReason: reason.Message } : {}),
    releaseLabel: cluster.ReleaseLabel ?? '',
    applications: (cluster.Applications ?? []).map((application) => ({
      name: application.Name ?? '',
      ...(application.Version ? { version: application.Version } : {}),
    })),
    timeline: {
      createdAt: iso(timeline?.CreationDateTime),
      readyAt: iso(timeline?.ReadyDateTime),
      endedAt: iso(timeline?.EndDateTime),
    },
    metadata: {
      clusterId: cluster.Id,
      ...(cluster.ClusterArn ? { arn: cluster.ClusterArn } : {}),
      ...(cluster.MasterPublicDnsName ? { primaryDnsName: cluster.MasterPublicDnsName } : {}),
    },
  };
}

export function runJobFlowInput(
  request: CreateClusterRequest,
  settings: EmrClusterSettings,
): RunJobFlowCommandInput {
  const pick =
    settings.pickSubnet ?? ((ids) => ids[Math.floor(Math.random() * ids.length)] ?? undefined);
  const subnet = request.subnetId ?? pick(settings.subnetIds);
  return {
    Name: request.name,
    ReleaseLabel: request.releaseLabel,
    LogUri: settings.logUri,
    Applications: request.applications.map((name) => ({ Name: name })),
    ServiceRole: settings.serviceRoleArn,
    JobFlowRole: settings.instanceProfileName,
    SecurityConfiguration: settings.securityConfiguration,
    VisibleToAllUsers: true,
    Instances: {
      InstanceGroups: [
        {
          Name: 'Primary',
          InstanceRole: 'MASTER',
          Market: 'ON_DEMAND',
          InstanceType: request.primaryInstanceType,
          InstanceCount: 1,
        },
        {
          Name: 'Core',
          InstanceRole: 'CORE',
          Market: 'ON_DEMAND',
          InstanceType: request.coreInstanceType,
          InstanceCount: request.coreInstanceCount,
        },
      ],
      KeepJobFlowAliveWhenNoSteps: true,
      TerminationProtected: false,
      ...(subnet ? { Ec2SubnetId: subnet } : {}),
      ...(settings.ec2KeyName ? { Ec2KeyName: settings.ec2KeyName } : {}),
    },
    // Managed scaling keeps the core nodes within the limits (the primary node never scales).
    ...(request.autoScaling
      ? {
          ManagedScalingPolicy: {
            ComputeLimits: {
              UnitType: 'Instances',
              MinimumCapacityUnits: request.autoScaling.minInstances,
              MaximumCapacityUnits: request.autoScaling.maxInstances,
            },
          },
        }
      : {}),
    Tags: [
      ...resourceTags({
        project: request.owner.project,
        user: request.owner.username,
        systemTag: settings.systemTag,
      }),
      { Key: 'clusterType', Value: request.clusterType },
    ],
  };
}

export function createEmrClusterBackend(
  emr: EMRClient,
  settings: EmrClusterSettings,
): ClusterBackend {
  /** The cluster, when it is this deployment's (its system tag); null when EMR knows none such. */
  async function find(id: string): Promise<Cluster | null> {
    try {
      const { Cluster: cluster } = await emr.send(new DescribeClusterCommand({ ClusterId: id }));
      if (!cluster) return null;
      const system = cluster.Tags?.find((tag) => tag.Key === 'system')?.Value;
      return system === settings.systemTag ? cluster : null;
    } catch (error) {
      if (isMissing(error)) return null;
      return explain(`describe the cluster ${id}`, error);
    }
  }

  async function require(id: string): Promise<Cluster> {
    const cluster = await find(id);
    if (!cluster) throw new NotFoundError(`EMR knows no cluster ${id} of this deployment`);
    return cluster;
  }

  return {
    engine: 'emr',

    async create(request) {
      const input = runJobFlowInput(request, settings);
      const result = await emr
        .send(new RunJobFlowCommand(input))
        .catch((error: unknown) => explain(`create the cluster ${request.name}`, error));
      if (!result.JobFlowId) throw new UnavailableError('EMR returned no cluster id');
      const at = new Date().toISOString();
      return {
        id: result.JobFlowId,
        name: request.name,
        status: 'Starting',
        releaseLabel: request.releaseLabel,
        applications: request.applications.map((name) => ({ name })),
        timeline: { createdAt: at },
        metadata: {
          clusterId: result.JobFlowId,
          ...(result.ClusterArn ? { arn: result.ClusterArn } : {}),
        },
      };
    },

    async describe(id) {
      const cluster = await find(id);
      return cluster ? describeEmrCluster(cluster) : null;
    },

    async instances(id) {
      await require(id);
      const roles = new Map<string, ClusterInstance['role']>();
      let marker: string | undefined;
      do {
        const page = await emr.send(
          new ListInstanceGroupsCommand({ ClusterId: id, Marker: marker }),
        );
        for (const group of page.InstanceGroups ?? [])
          if (group.Id)
            roles.set(group.Id, roleOfGroupType[group.InstanceGroupType ?? ''] ?? 'task');
        marker = page.Marker;
      } while (marker);
      const instances: ClusterInstance[] = [];
      do {
        const page = await emr.send(new ListInstancesCommand({ ClusterId: id, Marker: marker }));
        for (const instance of page.Instances ?? [])
          instances.push({
            id: instance.Ec2InstanceId ?? instance.Id ?? '',
            role: roles.get(instance.InstanceGroupId ?? '') ?? 'task',
            instanceType: instance.InstanceType ?? '',
            state: instance.Status?.State ?? 'UNKNOWN',
            ...(instance.PrivateDnsName ? { address: instance.PrivateDnsName } : {}),
          });
        marker = page.Marker;
      } while (marker);
      const order = { primary: 0, core: 1, task: 2 };
      return instances.sort((a, b) => order[a.role] - order[b.role]);
    },

    async terminate(id) {
      await require(id);
      // As the reference: a cluster made protected elsewhere would refuse to terminate.
      await emr
        .send(
          new SetTerminationProtectionCommand({ JobFlowIds: [id], TerminationProtected: false }),
        )
        .catch((error: unknown) => explain(`terminate the cluster ${id}`, error));
      await emr
        .send(new TerminateJobFlowsCommand({ JobFlowIds: [id] }))
        .catch((error: unknown) => explain(`terminate the cluster ${id}`, error));
    },

    async connection(id) {
      const cluster = await find(id);
      const status = clusterStatusOfState(cluster?.Status?.State);
      const host = cluster?.MasterPublicDnsName;
      if (!host || (status !== 'Waiting' && status !== 'Running')) return null;
      // Livy listens on the primary node (EMR installs it with the Livy application).
      return { engine: 'livy', livyUrl: `http://${host}:8998` };
    },

    /**
     * EMR writes a cluster's logs to S3 every five minutes; the portal shows the state history
     * MLSpace can read at once, and where the full logs are.
     */
    async logs(request) {
      const cluster = await require(request.name);
      const description = describeEmrCluster(cluster);
      if (request.cursor) return { lines: [], cursor: request.cursor };
      const lines = [
        {
          at: description?.timeline.createdAt ?? new Date().toISOString(),
          message: `Cluster ${request.name} created`,
        },
        ...(description?.timeline.readyAt
          ? [{ at: description.timeline.readyAt, message: 'Ready to run work (WAITING)' }]
          : []),
        ...(description?.stateChangeReason?.message
          ? [
              {
                at: description.timeline.endedAt ?? new Date().toISOString(),
                message: `${cluster.Status?.State}: ${description.stateChangeReason.message}`,
              },
            ]
          : []),
        {
          at: new Date().toISOString(),
          message: `EMR writes this cluster's logs to ${settings.logUri.replace(/\/?$/, '/')}${request.name}/`,
        },
      ];
      return { lines, cursor: 'end' };
    },
  };
}

/** The EMR backend for a region (the Lambda's role provides credentials). */
export function awsClusterBackend(region: string, settings: EmrClusterSettings): ClusterBackend {
  return createEmrClusterBackend(new EMRClient({ region, ...controlPlaneCallLimits }), settings);
}
