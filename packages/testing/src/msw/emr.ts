import type { HttpHandler } from 'msw';

import { awsJsonError, awsJsonService, type AwsJsonOperation } from './aws-json';

export const emrUrl = 'https://elasticmapreduce.:region.amazonaws.com/';

type Call = { operation: string; body: Record<string, unknown> };
const account = 'arn:aws:elasticmapreduce:us-east-1:123456789012';

interface FakeCluster {
  request: Record<string, unknown>;
  id: string;
  state: string;
  reason: { Code?: string; Message?: string };
  protectedFromTermination: boolean;
  created: number;
  ready?: number;
  ended?: number;
}

/**
 * An in-memory EMR (JSON protocol, `ElasticMapReduce.*`): RunJobFlow records a STARTING cluster
 * from the request, DescribeCluster answers it as EMR does (tags, applications with versions, the
 * primary node's DNS name once it runs), ListInstanceGroups and ListInstances answer its groups
 * and nodes, SetTerminationProtection and TerminateJobFlows act on it (a protected cluster refuses
 * to terminate, as EMR does), and an unknown id is EMR's InvalidRequestException. `advance` moves
 * a cluster to a state as EMR would over time; `overrides` replace single operations.
 */
export function fakeEmr(
  options: { overrides?: Record<string, AwsJsonOperation>; calls?: Call[] } = {},
) {
  const clusters = new Map<string, FakeCluster>();
  let sequence = 0;
  const notValid = (id: unknown) =>
    awsJsonError('InvalidRequestException', `Cluster id '${String(id)}' is not valid.`);

  function groups(cluster: FakeCluster) {
    const instances = (cluster.request.Instances ?? {}) as {
      InstanceGroups?: {
        Name?: string;
        Market?: string;
        InstanceRole?: string;
        InstanceType?: string;
        InstanceCount?: number;
      }[];
    };
    return (instances.InstanceGroups ?? []).map((group, index) => ({
      Id: `ig-${cluster.id.slice(2)}${index}`,
      Name: group.Name ?? '',
      Market: group.Market ?? 'ON_DEMAND',
      InstanceGroupType: String(group.InstanceRole),
      InstanceType: String(group.InstanceType),
      RequestedInstanceCount: Number(group.InstanceCount),
      RunningInstanceCount: cluster.state === 'WAITING' ? Number(group.InstanceCount) : 0,
      Status: { State: cluster.state === 'WAITING' ? 'RUNNING' : 'PROVISIONING' },
    }));
  }

  const operations: Record<string, AwsJsonOperation> = {
    RunJobFlow: (body) => {
      sequence += 1;
      const id = `j-${String(sequence).padStart(13, '0')}`;
      clusters.set(id, {
        request: body,
        id,
        state: 'STARTING',
        reason: {},
        protectedFromTermination: Boolean(
          (body.Instances as { TerminationProtected?: boolean } | undefined)?.TerminationProtected,
        ),
        created: 1_764_500_000 + sequence,
      });
      return { JobFlowId: id, ClusterArn: `${account}:cluster/${id}` };
    },
    DescribeCluster: ({ ClusterId: id }) => {
      const cluster = clusters.get(String(id));
      if (!cluster) return notValid(id);
      const { request } = cluster;
      return {
        Cluster: {
          Id: cluster.id,
          Name: String(request.Name),
          ClusterArn: `${account}:cluster/${cluster.id}`,
          Status: {
            State: cluster.state,
            StateChangeReason: cluster.reason,
            Timeline: {
              CreationDateTime: cluster.created,
              ...(cluster.ready ? { ReadyDateTime: cluster.ready } : {}),
              ...(cluster.ended ? { EndDateTime: cluster.ended } : {}),
            },
          },
          ReleaseLabel: String(request.ReleaseLabel),
          Applications: ((request.Applications ?? []) as { Name: string }[]).map((app) => ({
            Name: app.Name,
            Version: '3.4.1',
          })),
          Tags: request.Tags ?? [],
          LogUri: request.LogUri,
          ServiceRole: request.ServiceRole,
          SecurityConfiguration: request.SecurityConfiguration,
          TerminationProtected: cluster.protectedFromTermination,
          VisibleToAllUsers: true,
          InstanceCollectionType: 'INSTANCE_GROUP',
          ...(['WAITING', 'RUNNING'].includes(cluster.state)
            ? { MasterPublicDnsName: `ip-10-0-0-${sequence}.ec2.internal` }
            : {}),
        },
      };
    },
    ListInstanceGroups: ({ ClusterId: id }) => {
      const cluster = clusters.get(String(id));
      return cluster ? { InstanceGroups: groups(cluster) } : notValid(id);
    },
    ListInstances: ({ ClusterId: id }) => {
      const cluster = clusters.get(String(id));
      if (!cluster) return notValid(id);
      const running = cluster.state === 'WAITING' || cluster.state === 'RUNNING';
      return {
        Instances: running
          ? groups(cluster).flatMap((group) =>
              Array.from({ length: group.RequestedInstanceCount }, (_, index) => ({
                Id: `ci-${group.Id.slice(3)}${index}`,
                Ec2InstanceId: `i-0${group.Id.slice(3)}${index}`.slice(0, 19),
                PrivateDnsName: `ip-10-0-1-${index}.ec2.internal`,
                InstanceGroupId: group.Id,
                InstanceType: group.InstanceType,
                Market: group.Market,
                Status: { State: 'RUNNING' },
              })),
            )
          : [],
      };
    },
    SetTerminationProtection: ({ JobFlowIds: ids, TerminationProtected: value }) => {
      for (const id of ids as string[]) {
        const cluster = clusters.get(id);
        if (!cluster) return awsJsonError('ValidationException', `Specified job flow ID not valid`);
        cluster.protectedFromTermination = Boolean(value);
      }
      return {};
    },
    TerminateJobFlows: ({ JobFlowIds: ids }) => {
      for (const id of ids as string[]) {
        const cluster = clusters.get(id);
        if (!cluster) return awsJsonError('ValidationException', `Specified job flow ID not valid`);
        if (cluster.protectedFromTermination)
          return awsJsonError(
            'ValidationException',
            `Could not shut down one or more job flows since they are termination protected.`,
          );
        if (!cluster.state.startsWith('TERMINATED')) {
          cluster.state = 'TERMINATING';
          cluster.reason = { Code: 'USER_REQUEST', Message: 'Terminated by user request' };
        }
      }
      return {};
    },
    ...options.overrides,
  };

  return Object.assign((): HttpHandler => awsJsonService(emrUrl, operations, options.calls), {
    operations,
    clusters,
    /** Moves a cluster on, as EMR does over minutes (WAITING once ready, TERMINATED at the end). */
    advance(id: string, state: string, reason: { Code?: string; Message?: string } = {}) {
      const cluster = clusters.get(id);
      if (!cluster) throw new Error(`no fake cluster ${id}`);
      cluster.state = state;
      if (reason.Code || reason.Message) cluster.reason = reason;
      if (state === 'WAITING') cluster.ready ??= cluster.created + 300;
      if (state.startsWith('TERMINATED')) cluster.ended ??= cluster.created + 900;
    },
  });
}
