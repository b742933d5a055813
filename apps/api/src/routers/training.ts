import type { TRPCRouterRecord } from '@trpc/server';

import {
  algorithmRunsOn,
  algorithmSupportStatement,
  builtinAlgorithms,
  canCreateResource,
  canManageResource,
  canReadResource,
  createTrainingJobInputSchema,
  type JobMetric,
  type LogPage,
} from '@mlspace/core';

import {
  backendFor,
  refreshRecord,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeTrainingJob } from '../services/training-access';
import { gatedTrainingDefinition, toTrainingRequest } from '../services/training-requests';
import { serviceProcedure } from '../trpc';
import { outputProcedures } from './job-outputs';
import {
  jobControlProcedures,
  listProcedures,
  logsInput,
  nameInput,
  optionsProcedure,
} from './ml-common';

/** Refused with a clear message while an administrator has deactivated training. */
const trainingProcedure = serviceProcedure('training');

export interface TrainingJobDetailView {
  job: ResourceSummaryView;
  secondaryStatus: string | null;
  modelArtifactsS3Uri: string | null;
  /** The tuning job that launched this one, or null. */
  tuningJob: string | null;
  /** Every value the job reported, oldest first (locally), or the final values (AWS). */
  metrics: JobMetric[];
  permissions: { manage: boolean };
}

export const trainingRouter = {
  ...listProcedures('trainingJob'),
  options: optionsProcedure('trainingJob', 'training-output'),

  /**
   * The built-in algorithms this backend runs (name, label, default hyperparameters and metrics),
   * what it runs in plain words, and where users' own images may come from.
   */
  algorithms: trainingProcedure.query(async ({ ctx }) => {
    const backend = ctx.compute.name;
    const support = algorithmSupportStatement(backend);
    return {
      algorithms: builtinAlgorithms
        .filter((algorithm) => algorithmRunsOn(algorithm, backend))
        .map(
          ({
            name,
            label,
            description,
            defaultHyperParameters,
            metricDefinitions,
            tuningObjectives,
          }) => ({
            name,
            label,
            description,
            defaultHyperParameters,
            metricDefinitions,
            tuningObjectives,
          }),
        ),
      support: {
        summary: support.summary,
        containerImages: support.containerImages,
        allowedImageRepositories: support.containerImages
          ? (await ctx.configService.current()).config.allowedImageRepositories
          : [],
      },
    };
  }),

  get: trainingProcedure
    .input(nameInput)
    .query(async ({ ctx, input }): Promise<TrainingJobDetailView> => {
      const user = ctx.caller.user;
      const { record, facts, tuningJob } = await authorizeTrainingJob(
        ctx,
        user,
        input.name,
        canReadResource,
      );
      const description = await backendFor(ctx.compute, 'trainingJob').describe(record.name);
      // A tuning job's training job has no record of its own to refresh.
      const fresh = tuningJob ? record : await refreshRecord(ctx.db, record, description);
      return {
        job: toSummaryView(fresh),
        tuningJob,
        secondaryStatus: description?.secondaryStatus ?? null,
        modelArtifactsS3Uri:
          description?.modelArtifactsS3Uri ?? fresh.metadata.modelArtifactsS3Uri ?? null,
        metrics: description?.metrics ?? [],
        // A tuning job's training jobs are stopped with their tuning job.
        permissions: { manage: !tuningJob && canManageResource(user, facts).allowed },
      };
    }),

  create: trainingProcedure
    .input(createTrainingJobInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      await ctx.configService.assertInstanceTypeAllowed('training', input.instanceType);
      const backend = backendFor(ctx.compute, 'trainingJob');
      const { project, name, ...requested } = input;
      const definition = await gatedTrainingDefinition(ctx, user, project, requested);
      const request = toTrainingRequest(definition, name, { project, username: user.username });
      const { record } = await registerAndCreate(ctx, {
        kind: 'trainingJob',
        name,
        project,
        owner: user.username,
        status: 'InProgress',
        instanceType: input.instanceType,
        instanceCount: input.instanceCount,
        spec: {
          ...definition,
          hyperParameters: request.hyperParameters,
          metricDefinitions: request.algorithm.metricDefinitions,
        },
        create: () => backend.create(request),
      });
      return toSummaryView(record);
    }),

  ...jobControlProcedures('trainingJob'),
  ...outputProcedures('trainingJob'),

  /** Logs of a training job, including one a tuning job launched. */
  logs: trainingProcedure.input(logsInput).query(async ({ ctx, input }): Promise<LogPage> => {
    const { record } = await authorizeTrainingJob(
      ctx,
      ctx.caller.user,
      input.name,
      canReadResource,
    );
    return backendFor(ctx.compute, 'trainingJob').logs({
      name: record.name,
      cursor: input.cursor,
      limit: input.limit,
    });
  }),
} satisfies TRPCRouterRecord;
