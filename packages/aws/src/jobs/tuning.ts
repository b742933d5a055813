import {
  CreateHyperParameterTuningJobCommand,
  DescribeHyperParameterTuningJobCommand,
  ListTrainingJobsForHyperParameterTuningJobCommand,
  StopHyperParameterTuningJobCommand,
} from '@aws-sdk/client-sagemaker';

import type { TrainingJobDescription, TuningJobBackend, TuningJobStatus } from '@mlspace/core';

import { arnMetadata, explain, isMissing, type SageMakerContext } from './context';
import { trainingDefinition } from './training';

/** Hyperparameter tuning jobs on SageMaker; each training definition gets role, KMS and VPC. */
export function createSageMakerTuningJobs(context: SageMakerContext): TuningJobBackend {
  const { sagemaker } = context.clients;
  return {
    async create(request) {
      const {
        StoppingCondition,
        HyperParameters,
        AlgorithmSpecification,
        Environment,
        ...definition
      } = await trainingDefinition(context, {
        ...request.trainingJob,
        owner: request.owner,
      });
      const ranges = (type: string) => request.ranges.filter((range) => range.type === type);
      const result = await sagemaker
        .send(
          new CreateHyperParameterTuningJobCommand({
            HyperParameterTuningJobName: request.name,
            HyperParameterTuningJobConfig: {
              Strategy: request.strategy,
              HyperParameterTuningJobObjective: {
                MetricName: request.objective.metricName,
                Type: request.objective.type,
              },
              ResourceLimits: {
                MaxNumberOfTrainingJobs: request.maxJobs,
                MaxParallelTrainingJobs: request.maxParallelJobs,
              },
              ParameterRanges: {
                ContinuousParameterRanges: ranges('Continuous').map((r) => ({
                  Name: r.name,
                  MinValue: r.min,
                  MaxValue: r.max,
                  ScalingType: r.scaling,
                })),
                IntegerParameterRanges: ranges('Integer').map((r) => ({
                  Name: r.name,
                  MinValue: r.min,
                  MaxValue: r.max,
                  ScalingType: r.scaling,
                })),
                CategoricalParameterRanges: ranges('Categorical').map((r) => ({
                  Name: r.name,
                  Values: r.values,
                })),
              },
            },
            TrainingJobDefinition: {
              ...definition,
              AlgorithmSpecification: {
                TrainingImage: AlgorithmSpecification.TrainingImage,
                TrainingInputMode: AlgorithmSpecification.TrainingInputMode,
                MetricDefinitions: AlgorithmSpecification.MetricDefinitions,
              },
              StaticHyperParameters: HyperParameters,
              StoppingCondition,
              Environment,
            },
            Tags: context.tags(request.owner),
          }),
        )
        .catch((error: unknown) => explain('create the tuning job', 'tuningJob', error));
      return {
        name: request.name,
        status: 'InProgress',
        counters: { completed: 0, inProgress: 0, failed: 0, stopped: 0 },
        metadata: arnMetadata(result.HyperParameterTuningJobArn),
      };
    },
    async describe(name) {
      try {
        const result = await sagemaker.send(
          new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }),
        );
        const counters = result.TrainingJobStatusCounters;
        const best = result.BestTrainingJob;
        return {
          name,
          status: (result.HyperParameterTuningJobStatus ?? 'InProgress') as TuningJobStatus,
          failureReason: result.FailureReason,
          counters: {
            completed: counters?.Completed ?? 0,
            inProgress: counters?.InProgress ?? 0,
            failed: (counters?.RetryableError ?? 0) + (counters?.NonRetryableError ?? 0),
            stopped: counters?.Stopped ?? 0,
          },
          bestTrainingJob: best?.TrainingJobName
            ? {
                name: best.TrainingJobName,
                objectiveValue: best.FinalHyperParameterTuningJobObjectiveMetric?.Value,
                hyperParameters: best.TunedHyperParameters ?? {},
              }
            : undefined,
          createdAt: result.CreationTime?.toISOString(),
          endedAt: result.HyperParameterTuningEndTime?.toISOString(),
          metadata: arnMetadata(result.HyperParameterTuningJobArn),
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async stop(name) {
      await sagemaker
        .send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }))
        .catch((error: unknown) => explain('stop the tuning job', 'name', error));
    },
    async listTrainingJobs(name) {
      const summaries = [];
      let token: string | undefined;
      do {
        const page = await sagemaker.send(
          new ListTrainingJobsForHyperParameterTuningJobCommand({
            HyperParameterTuningJobName: name,
            NextToken: token,
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            MaxResults: 100,
          }),
        );
        summaries.push(...(page.TrainingJobSummaries ?? []));
        token = page.NextToken;
      } while (token);
      const best = (await this.describe(name))?.bestTrainingJob?.name;
      return summaries.map((summary): TrainingJobDescription => ({
        name: summary.TrainingJobName ?? '',
        status: (summary.TrainingJobStatus ?? 'InProgress') as TrainingJobDescription['status'],
        failureReason: summary.FailureReason,
        instanceType: '',
        metrics: summary.FinalHyperParameterTuningJobObjectiveMetric
          ? [
              {
                name: summary.FinalHyperParameterTuningJobObjectiveMetric.MetricName ?? '',
                value: summary.FinalHyperParameterTuningJobObjectiveMetric.Value ?? Number.NaN,
              },
            ]
          : [],
        createdAt: summary.CreationTime?.toISOString(),
        endedAt: summary.TrainingEndTime?.toISOString(),
        metadata: {
          tunedHyperParameters: JSON.stringify(summary.TunedHyperParameters ?? {}),
          ...(summary.FinalHyperParameterTuningJobObjectiveMetric?.Value !== undefined
            ? { objectiveValue: String(summary.FinalHyperParameterTuningJobObjectiveMetric.Value) }
            : {}),
          ...(summary.TrainingJobName === best ? { best: 'true' } : {}),
        },
      }));
    },
    // SageMaker has no log stream for the tuner itself; its training jobs have theirs.
    async logs() {
      return { lines: [], cursor: 't:0' };
    },
  };
}
