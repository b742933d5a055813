import type { TRPCRouterRecord } from '@trpc/server';

import {
  ValidationError,
  canCreateResource,
  canManageResource,
  canReadResource,
  computeNameSchema,
  createTuningJobInputSchema,
  findBuiltinAlgorithm,
  tuningObjectiveProblem,
  type LogPage,
  type TrainingJobDescription,
  type TuningJobDescription,
} from '@mlspace/core';

import {
  backendFor,
  refreshRecord,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { gatedTrainingDefinition, toTrainingRequest } from '../services/training-requests';
import { serviceProcedure } from '../trpc';
import {
  jobControlProcedures,
  listProcedures,
  logsInput,
  nameInput,
  optionsProcedure,
} from './ml-common';

/** Refused with a clear message while an administrator has deactivated tuning. */
const tuningProcedure = serviceProcedure('tuning');

export interface TuningChildView {
  name: string;
  status: TrainingJobDescription['status'];
  failureReason: string | null;
  hyperParameters: Record<string, string>;
  objectiveValue: number | null;
  best: boolean;
}

export interface TuningJobDetailView {
  job: ResourceSummaryView;
  counters: TuningJobDescription['counters'];
  bestTrainingJob: TuningJobDescription['bestTrainingJob'] | null;
  children: TuningChildView[];
  /**
   * Whether the tuner keeps a log of its own (the local tuner does); SageMaker keeps none, only
   * the logs of the training jobs it launched, which `logs` reads by `trainingJob`.
   */
  tunerLog: boolean;
  permissions: { manage: boolean };
}

/** Without `trainingJob`: the tuner's own log; with it, that training job's (one of this tuning job's). */
const tuningLogsInput = logsInput.extend({ trainingJob: computeNameSchema.optional() });

export const tuningRouter = {
  ...listProcedures('hpoJob'),
  options: optionsProcedure('hpoJob', 'tuning-output'),

  get: tuningProcedure
    .input(nameInput)
    .query(async ({ ctx, input }): Promise<TuningJobDetailView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorizeResource(
        ctx.db,
        user,
        'hpoJob',
        input.name,
        canReadResource,
      );
      const backend = backendFor(ctx.compute, 'hpoJob');
      const description = await backend.describe(record.name);
      const fresh = await refreshRecord(ctx.db, record, description);
      const children = description ? await backend.listTrainingJobs(record.name) : [];
      return {
        job: toSummaryView(fresh),
        counters: description?.counters ?? { completed: 0, inProgress: 0, failed: 0, stopped: 0 },
        bestTrainingJob: description?.bestTrainingJob ?? null,
        children: children.map((child) => ({
          name: child.name,
          status: child.status,
          failureReason: child.failureReason ?? null,
          hyperParameters: child.metadata.tunedHyperParameters
            ? (JSON.parse(child.metadata.tunedHyperParameters) as Record<string, string>)
            : {},
          objectiveValue:
            child.metadata.objectiveValue !== undefined
              ? Number(child.metadata.objectiveValue)
              : null,
          best: child.name === description?.bestTrainingJob?.name,
        })),
        tunerLog: ctx.compute.name === 'local',
        permissions: { manage: canManageResource(user, facts).allowed },
      };
    }),

  create: tuningProcedure
    .input(createTuningJobInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      await ctx.configService.assertInstanceTypeAllowed('training', input.training.instanceType);
      const builtin =
        input.training.algorithm.kind === 'builtin'
          ? findBuiltinAlgorithm(input.training.algorithm.name)
          : undefined;
      const objectiveProblem = builtin
        ? tuningObjectiveProblem(builtin, input.objective.metricName)
        : null;
      if (objectiveProblem) throw new ValidationError('objective.metricName', objectiveProblem);
      const backend = backendFor(ctx.compute, 'hpoJob');
      const owner = { project: input.project, username: user.username };
      const training = await gatedTrainingDefinition(
        ctx,
        user,
        input.project,
        input.training,
        'training.',
      );
      const {
        name: _template,
        owner: _owner,
        ...trainingJob
      } = toTrainingRequest(training, input.name, owner, 'training.algorithm');
      const { record } = await registerAndCreate(ctx, {
        kind: 'hpoJob',
        name: input.name,
        project: input.project,
        owner: user.username,
        status: 'InProgress',
        instanceType: input.training.instanceType,
        instanceCount: input.training.instanceCount,
        spec: {
          strategy: input.strategy,
          objective: input.objective,
          ranges: input.ranges,
          maxJobs: input.maxJobs,
          maxParallelJobs: input.maxParallelJobs,
          training,
        },
        create: () =>
          backend.create({
            name: input.name,
            owner,
            strategy: input.strategy,
            objective: input.objective,
            ranges: input.ranges,
            maxJobs: input.maxJobs,
            maxParallelJobs: input.maxParallelJobs,
            trainingJob,
          }),
      });
      return toSummaryView(record);
    }),

  ...jobControlProcedures('hpoJob'),

  logs: tuningProcedure.input(tuningLogsInput).query(async ({ ctx, input }): Promise<LogPage> => {
    const { record } = await authorizeResource(
      ctx.db,
      ctx.caller.user,
      'hpoJob',
      input.name,
      canReadResource,
    );
    const page = { cursor: input.cursor, limit: input.limit };
    const tuning = backendFor(ctx.compute, 'hpoJob');
    if (!input.trainingJob) return tuning.logs({ name: record.name, ...page });
    // Only a job this tuner launched: a name that merely looks like one may be another project's.
    const children = await tuning.listTrainingJobs(record.name);
    if (!children.some((child) => child.name === input.trainingJob)) {
      throw new ValidationError(
        'trainingJob',
        `${input.trainingJob} is not a training job of tuning job ${record.name}`,
      );
    }
    return backendFor(ctx.compute, 'trainingJob').logs({ name: input.trainingJob, ...page });
  }),
} satisfies TRPCRouterRecord;
