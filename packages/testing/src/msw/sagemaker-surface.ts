/**
 * SageMaker and CloudWatch Logs answers for endpoint updates, endpoint-config data capture and a
 * tuning job's training jobs and their logs, in the shapes of the services' API models: required
 * members present, timestamps as epoch seconds (awsJson1_1), no members the real output lacks
 * (no `Tags` on Describe*, no `TrainingJobSummaries` on a tuning job's description).
 */
import type { HttpHandler } from 'msw';

import { awsJsonError, awsJsonService, type AwsJsonOperation } from './aws-json';
import { cloudWatchLogsUrl } from './sagemaker';

type Call = { operation: string; body: Record<string, unknown> };
const account = 'arn:aws:sagemaker:us-east-1:123456789012';
const created = 1_764_500_000;

export interface FakeEndpoint {
  name: string;
  configName: string;
  status: 'Creating' | 'InService' | 'Updating' | 'Failed';
  /** The configuration an update moves to, while it is under way. */
  pendingConfigName?: string;
}

export interface FakeEndpointConfig {
  name: string;
  variants: { variantName: string; modelName: string; instanceType: string; count: number }[];
  dataCapture?: { destination: string; samplingPercentage: number };
}

/**
 * CreateEndpointConfig, DescribeEndpointConfig, DescribeEndpoint and UpdateEndpoint over
 * `endpoints` and `configs`.
 * UpdateEndpoint, as SageMaker, refuses an endpoint that is not InService and a config it does not
 * know; while updating, the endpoint still names its old config and the new one is pending.
 * `finishUpdate(name)` is the update coming into service.
 */
export function sagemakerEndpointUpdates(
  endpoints: Map<string, FakeEndpoint>,
  configs: Map<string, FakeEndpointConfig>,
) {
  const operations: Record<string, AwsJsonOperation> = {
    CreateEndpointConfig: (body) => {
      const name = String(body.EndpointConfigName);
      if (configs.has(name))
        return awsJsonError(
          'ValidationException',
          `Cannot create already existing endpoint configuration "${account}:endpoint-config/${name.toLowerCase()}".`,
        );
      const variants = (body.ProductionVariants ?? []) as Record<string, unknown>[];
      const capture = body.DataCaptureConfig as Record<string, unknown> | undefined;
      configs.set(name, {
        name,
        variants: variants.map((variant) => ({
          variantName: String(variant.VariantName),
          modelName: String(variant.ModelName),
          instanceType: String(variant.InstanceType),
          count: Number(variant.InitialInstanceCount),
        })),
        ...(capture?.EnableCapture
          ? {
              dataCapture: {
                destination: String(capture.DestinationS3Uri),
                samplingPercentage: Number(capture.InitialSamplingPercentage),
              },
            }
          : {}),
      });
      return { EndpointConfigArn: `${account}:endpoint-config/${name.toLowerCase()}` };
    },
    DescribeEndpoint: ({ EndpointName: name }) => {
      const endpoint = endpoints.get(String(name));
      if (!endpoint)
        return awsJsonError('ValidationException', `Could not find endpoint "${String(name)}".`);
      return {
        EndpointName: endpoint.name,
        EndpointArn: `${account}:endpoint/${endpoint.name.toLowerCase()}`,
        EndpointConfigName: endpoint.configName,
        EndpointStatus: endpoint.status,
        CreationTime: created,
        LastModifiedTime: created + 60,
        ...(endpoint.pendingConfigName
          ? {
              PendingDeploymentSummary: {
                EndpointConfigName: endpoint.pendingConfigName,
                StartTime: created + 120,
              },
            }
          : {}),
      };
    },
    UpdateEndpoint: ({ EndpointName: name, EndpointConfigName: configName }) => {
      const endpoint = endpoints.get(String(name));
      if (!endpoint)
        return awsJsonError('ValidationException', `Could not find endpoint "${String(name)}".`);
      if (!configs.has(String(configName)))
        return awsJsonError(
          'ValidationException',
          `Could not find endpoint configuration "${String(configName)}".`,
        );
      if (endpoint.status !== 'InService')
        return awsJsonError(
          'ValidationException',
          `Cannot update in-progress endpoint "${account}:endpoint/${endpoint.name.toLowerCase()}".`,
        );
      endpoint.status = 'Updating';
      endpoint.pendingConfigName = String(configName);
      return { EndpointArn: `${account}:endpoint/${endpoint.name.toLowerCase()}` };
    },
    DescribeEndpointConfig: ({ EndpointConfigName: name }) => {
      const config = configs.get(String(name));
      if (!config)
        return awsJsonError(
          'ValidationException',
          `Could not find endpoint configuration "${String(name)}".`,
        );
      return {
        EndpointConfigName: config.name,
        EndpointConfigArn: `${account}:endpoint-config/${config.name.toLowerCase()}`,
        ProductionVariants: config.variants.map((variant) => ({
          VariantName: variant.variantName,
          ModelName: variant.modelName,
          InstanceType: variant.instanceType,
          InitialInstanceCount: variant.count,
          InitialVariantWeight: 1,
        })),
        ...(config.dataCapture
          ? {
              DataCaptureConfig: {
                EnableCapture: true,
                InitialSamplingPercentage: config.dataCapture.samplingPercentage,
                DestinationS3Uri: config.dataCapture.destination,
                CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
              },
            }
          : {}),
        CreationTime: created,
      };
    },
  };
  return {
    operations,
    finishUpdate(name: string) {
      const endpoint = endpoints.get(name);
      if (!endpoint?.pendingConfigName) return;
      endpoint.configName = endpoint.pendingConfigName;
      endpoint.pendingConfigName = undefined;
      endpoint.status = 'InService';
    },
  };
}

/**
 * DescribeHyperParameterTuningJob and ListTrainingJobsForHyperParameterTuningJob for one tuning
 * job whose training jobs are `children` (SageMaker's names: `<tuning job>-<3 digits>-<8 hex>`).
 */
export function sagemakerTuningChildren(
  tuningJob: string,
  children: { name: string; status: 'InProgress' | 'Completed' | 'Failed'; objective?: number }[],
): Record<string, AwsJsonOperation> {
  const unknown = (name: unknown) =>
    awsJsonError(
      'ResourceNotFound',
      `Amazon SageMaker can't find a tuning job with name ${String(name)}`,
    );
  const count = (status: string) => children.filter((child) => child.status === status).length;
  return {
    DescribeHyperParameterTuningJob: ({ HyperParameterTuningJobName: name }) =>
      name !== tuningJob
        ? unknown(name)
        : {
            HyperParameterTuningJobName: tuningJob,
            HyperParameterTuningJobArn: `${account}:hyper-parameter-tuning-job/${tuningJob.toLowerCase()}`,
            HyperParameterTuningJobConfig: {
              Strategy: 'Random',
              ResourceLimits: {
                MaxNumberOfTrainingJobs: children.length,
                MaxParallelTrainingJobs: 2,
              },
            },
            HyperParameterTuningJobStatus: count('InProgress') > 0 ? 'InProgress' : 'Completed',
            CreationTime: created,
            TrainingJobStatusCounters: {
              Completed: count('Completed'),
              InProgress: count('InProgress'),
              RetryableError: 0,
              NonRetryableError: count('Failed'),
              Stopped: 0,
            },
            ObjectiveStatusCounters: {
              Succeeded: count('Completed'),
              Pending: count('InProgress'),
              Failed: count('Failed'),
            },
          },
    ListTrainingJobsForHyperParameterTuningJob: ({ HyperParameterTuningJobName: name }) =>
      name !== tuningJob
        ? unknown(name)
        : {
            TrainingJobSummaries: children.map((child, index) => ({
              TrainingJobName: child.name,
              TrainingJobArn: `${account}:training-job/${child.name.toLowerCase()}`,
              TuningJobName: tuningJob,
              CreationTime: created + index,
              TrainingJobStatus: child.status,
              TunedHyperParameters: { eta: String(0.1 * (index + 1)) },
              ...(child.objective !== undefined
                ? {
                    FinalHyperParameterTuningJobObjectiveMetric: {
                      MetricName: 'validation:rmse',
                      Value: child.objective,
                    },
                  }
                : {}),
            })),
          },
  };
}

/**
 * CloudWatch Logs FilterLogEvents over the events of one log group, as the service filters them
 * (by stream name prefix and start time); another group does not exist. `calls` records requests.
 */
export function cloudWatchLogGroup(
  logGroupName: string,
  events: { logStreamName: string; timestamp: number; message: string }[],
  calls: Call[] = [],
): () => HttpHandler {
  return () =>
    awsJsonService(
      cloudWatchLogsUrl,
      {
        FilterLogEvents: (body) => {
          if (body.logGroupName !== logGroupName)
            return awsJsonError(
              'ResourceNotFoundException',
              'The specified log group does not exist.',
            );
          const prefix =
            typeof body.logStreamNamePrefix === 'string' ? body.logStreamNamePrefix : '';
          const start = Number(body.startTime ?? 0);
          return {
            events: events
              .filter((event) => event.logStreamName.startsWith(prefix) && event.timestamp >= start)
              .map((event, index) => ({
                ...event,
                ingestionTime: event.timestamp + 5,
                eventId: `${event.timestamp}${index}`.padEnd(56, '0'),
              })),
          };
        },
      },
      calls,
    );
}
