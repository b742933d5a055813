/**
 * Clusters of a project: EMR on AWS, a Dask distributed cluster locally (product.md, local mode).
 * Any member creates one from an administrator's cluster type; its creator, the project's owners
 * and admins terminate it; only members learn where it takes work.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ValidationError,
  UnavailableError,
  canConnectToCluster,
  canCreateResource,
  canManageResource,
  canReadProject,
  canReadResource,
  clusterNameSchema,
  createClusterInputSchema,
  emrInstanceSize,
  projectNameSchema,
  resolveClusterRequest,
  serviceLabels,
  type ClusterInstance,
  type ClusterStateChangeReason,
  type ClusterTimeline,
  type LogPage,
} from '@mlspace/core';

import {
  clusterBackend,
  clusterIdOf,
  isClusterEnded,
  refreshCluster,
  terminateCluster,
} from '../services/clusters';
import { clusterConnectionView, type ClusterConnectionView } from '../services/cluster-connection';
import {
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { applyProjectSchedule } from '../services/schedules';
import { activeProcedure } from '../trpc';
import { listProcedures } from './ml-common';

/**
 * Changes are refused while an administrator has deactivated EMR, naming the setting; reads of
 * what exists are not (as serviceProcedure does for the other kinds).
 */
const clustersProcedure = activeProcedure.use(async ({ ctx, type, next }) => {
  if (type !== 'query' && !(await ctx.configService.isServiceActive('emr')))
    throw new UnavailableError(
      `${serviceLabels.emr} are deactivated by your administrator (the dynamic configuration's activated services)`,
      { field: 'services.emr' },
    );
  return next();
});

const clusterInput = z.object({ name: clusterNameSchema });

/** What runs clusters here, said plainly on every cluster page. */
export interface ClusterEngineView {
  engine: 'dask' | 'emr';
  note: string;
}

function engineView(engine: 'dask' | 'emr'): ClusterEngineView {
  return engine === 'dask'
    ? {
        engine,
        note: 'a cluster here is a Dask distributed cluster (a scheduler and one worker per core node, sized from the cluster type). Spark applications run only on AWS, where clusters are Amazon EMR.',
      }
    : {
        engine,
        note: 'Clusters are Amazon EMR clusters; notebooks attached to one run PySpark through its Livy endpoint (sparkmagic).',
      };
}

export interface ClusterTypeView {
  name: string;
  primaryInstanceType: string;
  coreInstanceType: string;
  coreInstanceCount: number;
  /** Of one core node, from the instance catalogue (what a local Dask worker gets). */
  coreVcpus: number | null;
  coreMemoryGiB: number | null;
}

export interface ClusterOptionsView extends ClusterEngineView {
  clusterTypes: ClusterTypeView[];
  releaseLabel: string;
  applications: string[];
  autoScaling: { enabled: boolean; minInstances: number; maxInstances: number };
  mayCreate: boolean;
  createDenial: string | null;
}

export interface ClusterDetailView extends ClusterEngineView {
  cluster: ResourceSummaryView;
  id: string | null;
  clusterType: string;
  releaseLabel: string;
  applications: { name: string; version?: string }[];
  stateChangeReason: ClusterStateChangeReason | null;
  timeline: ClusterTimeline;
  instances: ClusterInstance[];
  /** Why the instances could not be read, if they could not. */
  instancesProblem: string | null;
  terminateAt: string | null;
  permissions: { manage: boolean; connect: boolean; connectDenial: string | null };
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

export const clustersRouter = {
  ...listProcedures('emrCluster'),

  options: activeProcedure
    .input(z.object({ project: projectNameSchema }))
    .query(async ({ ctx, input }): Promise<ClusterOptionsView> => {
      const user = ctx.caller.user;
      const { facts } = await authorizeProject(ctx.db, user, input.project, canReadProject);
      const decision = canCreateResource(user, facts);
      const { emr } = (await ctx.configService.current()).config;
      return {
        ...engineView(clusterBackend(ctx.compute).engine),
        clusterTypes: emr.clusterTypes.map((type) => {
          const size = emrInstanceSize(type.coreInstanceType);
          return {
            name: type.name,
            primaryInstanceType: type.masterInstanceType,
            coreInstanceType: type.coreInstanceType,
            coreInstanceCount: type.coreInstanceCount,
            coreVcpus: size?.vcpus ?? null,
            coreMemoryGiB: size?.memoryGiB ?? null,
          };
        }),
        releaseLabel: emr.releaseLabel,
        applications: [...emr.applications],
        autoScaling: {
          enabled: emr.autoScaling.enabled,
          minInstances: emr.autoScaling.minInstances,
          maxInstances: emr.autoScaling.maxInstances,
        },
        mayCreate: decision.allowed,
        createDenial: decision.allowed ? null : decision.reason,
      };
    }),

  create: clustersProcedure
    .input(createClusterInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      const { emr } = (await ctx.configService.current()).config;
      const resolved = resolveClusterRequest(emr, input);
      const backend = clusterBackend(ctx.compute);
      const { record } = await registerAndCreate(ctx, {
        kind: 'emrCluster',
        name: input.name,
        project: input.project,
        owner: user.username,
        status: 'Starting',
        instanceType: resolved.coreInstanceType,
        // The primary node and the core nodes.
        instanceCount: resolved.coreInstanceCount + 1,
        spec: { ...resolved, subnetId: input.subnetId ?? null },
        create: async () => {
          const description = await backend.create({
            name: input.name,
            owner: { project: input.project, username: user.username },
            ...resolved,
            subnetId: input.subnetId,
          });
          return {
            ...description,
            metadata: { ...description.metadata, clusterId: description.id },
          };
        },
      });
      return toSummaryView(await applyProjectSchedule(ctx.db, record, user.username));
    }),

  get: activeProcedure
    .input(clusterInput)
    .query(async ({ ctx, input }): Promise<ClusterDetailView> => {
      const user = ctx.caller.user;
      const access = await authorizeResource(
        ctx.db,
        user,
        'emrCluster',
        input.name,
        canReadResource,
      );
      const backend = clusterBackend(ctx.compute);
      const { record, description } = await refreshCluster(ctx.db, ctx.compute, access.record);
      const id = clusterIdOf(record);
      let instances: ClusterInstance[] = [];
      let instancesProblem: string | null = null;
      if (id && !isClusterEnded(record.status)) {
        try {
          instances = await backend.instances(id);
        } catch (error) {
          instancesProblem = error instanceof Error ? error.message : String(error);
        }
      }
      const connect = canConnectToCluster(user, access.facts);
      return {
        ...engineView(backend.engine),
        cluster: toSummaryView(record),
        id,
        clusterType: textOf(record.spec.clusterType),
        releaseLabel: description?.releaseLabel ?? textOf(record.spec.releaseLabel),
        applications:
          description?.applications ??
          stringList(record.spec.applications).map((name) => ({ name })),
        stateChangeReason:
          description?.stateChangeReason ??
          (record.failureReason ? { message: record.failureReason } : null),
        timeline: description?.timeline ?? {
          createdAt: record.createdAt,
          ...(record.startedAt ? { readyAt: record.startedAt } : {}),
          ...(record.stoppedAt ? { endedAt: record.stoppedAt } : {}),
        },
        instances,
        instancesProblem,
        terminateAt: record.terminateAt,
        permissions: {
          manage: canManageResource(user, access.facts).allowed,
          connect: connect.allowed,
          connectDenial: connect.allowed ? null : connect.reason,
        },
      };
    }),

  /** Where a notebook reaches the cluster, with a ready snippet; members of its project only. */
  connection: activeProcedure
    .input(clusterInput)
    .query(async ({ ctx, input }): Promise<ClusterConnectionView> => {
      const { record } = await authorizeResource(
        ctx.db,
        ctx.caller.user,
        'emrCluster',
        input.name,
        canConnectToCluster,
      );
      const id = clusterIdOf(record);
      const connection = id ? await clusterBackend(ctx.compute).connection(id) : null;
      return clusterConnectionView(record, connection);
    }),

  terminate: clustersProcedure.input(clusterInput).mutation(async ({ ctx, input }) => {
    const user = ctx.caller.user;
    const { record } = await authorizeResource(
      ctx.db,
      user,
      'emrCluster',
      input.name,
      canManageResource,
    );
    if (isClusterEnded(record.status))
      throw new ValidationError('name', `the cluster ${record.name} is already ${record.status}`);
    await terminateCluster(ctx.db, ctx.compute, record, user.username);
    const fresh = await ctx.db.resources.get('emrCluster', record.name);
    return toSummaryView(fresh ?? record);
  }),

  /** Takes a terminated cluster off the list (the reference's "Remove"). */
  remove: activeProcedure.input(clusterInput).mutation(async ({ ctx, input }): Promise<void> => {
    const user = ctx.caller.user;
    const { record } = await authorizeResource(
      ctx.db,
      user,
      'emrCluster',
      input.name,
      canManageResource,
    );
    if (!isClusterEnded(record.status))
      throw new ValidationError(
        'name',
        `the cluster ${record.name} is ${record.status}; terminate it before removing it from the list`,
      );
    await ctx.db.resources.remove('emrCluster', record.name, user.username);
  }),

  logs: activeProcedure
    .input(
      clusterInput.extend({
        cursor: z.string().max(2048).optional(),
        limit: z.number().int().min(1).max(1000).default(500),
      }),
    )
    .query(async ({ ctx, input }): Promise<LogPage> => {
      const { record } = await authorizeResource(
        ctx.db,
        ctx.caller.user,
        'emrCluster',
        input.name,
        canReadResource,
      );
      const id = clusterIdOf(record);
      if (!id) return { lines: [], cursor: input.cursor ?? '0' };
      return clusterBackend(ctx.compute).logs({
        name: id,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),
} satisfies TRPCRouterRecord;
