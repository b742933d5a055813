import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  StopTrainingJobCommand,
  type TrainingInstanceType,
  type DescribeTrainingJobResponse,
} from '@aws-sdk/client-sagemaker';

import type {
  CreateTrainingJobRequest,
  TrainingJobBackend,
  TrainingJobDescription,
  TrainingJobStatus,
} from '@mlspace/core';

import {
  arnMetadata,
  explain,
  isMissing,
  readCloudWatchLogs,
  type SageMakerContext,
} from './context';
import { trainingImage } from './images';

export const trainingLogGroup = '/aws/sagemaker/TrainingJobs';

/** CreateTrainingJob's definition part, shared with tuning jobs' training definitions. */
export async function trainingDefinition(
  context: SageMakerContext,
  request: Omit<CreateTrainingJobRequest, 'name'>,
) {
  const { image, hyperParameters, sagemakerBuiltin } = trainingImage(
    request.algorithm,
    context.settings.region,
  );
  return {
    AlgorithmSpecification: {
      TrainingImage: image,
      TrainingInputMode: request.algorithm.inputMode ?? 'File',
      MetricDefinitions: sagemakerBuiltin
        ? undefined
        : request.algorithm.metricDefinitions?.map((metric) => ({
            Name: metric.name,
            Regex: metric.regex,
          })),
    },
    RoleArn: await context.roleFor(request.owner),
    InputDataConfig: request.inputs.map((channel) => ({
      ChannelName: channel.name,
      ContentType: channel.contentType,
      DataSource: {
        S3DataSource: {
          S3DataType: channel.s3DataType ?? 'S3Prefix',
          S3Uri: channel.s3Uri,
          S3DataDistributionType: 'FullyReplicated' as const,
          AttributeNames: channel.attributeNames,
        },
      },
    })),
    OutputDataConfig: { S3OutputPath: request.outputS3Uri, KmsKeyId: context.settings.kmsKeyId },
    ResourceConfig: {
      InstanceType: request.resources.instanceType as TrainingInstanceType,
      InstanceCount: Math.trunc(request.resources.instanceCount),
      VolumeSizeInGB: Math.trunc(request.resources.volumeSizeGb),
      VolumeKmsKeyId: context.volumeKmsKeyId(request.resources.instanceType),
    },
    StoppingCondition: { MaxRuntimeInSeconds: Math.trunc(request.stopping.maxRuntimeSeconds) },
    VpcConfig: context.vpcConfig(1),
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
    HyperParameters: { ...request.hyperParameters, ...hyperParameters },
    Environment: request.environment,
  };
}

export function describeTrainingResult(
  result: DescribeTrainingJobResponse,
): TrainingJobDescription {
  return {
    name: result.TrainingJobName ?? '',
    status: (result.TrainingJobStatus ?? 'InProgress') as TrainingJobStatus,
    secondaryStatus: result.SecondaryStatus,
    failureReason: result.FailureReason,
    instanceType: result.ResourceConfig?.InstanceType ?? '',
    modelArtifactsS3Uri: result.ModelArtifacts?.S3ModelArtifacts,
    metrics: (result.FinalMetricDataList ?? []).map((metric) => ({
      name: metric.MetricName ?? '',
      value: metric.Value ?? Number.NaN,
      at: metric.Timestamp?.toISOString(),
    })),
    createdAt: result.CreationTime?.toISOString(),
    startedAt: result.TrainingStartTime?.toISOString(),
    endedAt: result.TrainingEndTime?.toISOString(),
    metadata: {
      ...(result.TrainingJobArn ? { arn: result.TrainingJobArn } : {}),
      ...(result.ModelArtifacts?.S3ModelArtifacts
        ? { modelArtifactsS3Uri: result.ModelArtifacts.S3ModelArtifacts }
        : {}),
    },
  };
}

/** Training jobs on SageMaker: tagged, in the VPC, encrypted, network-isolated. */
export function createSageMakerTrainingJobs(context: SageMakerContext): TrainingJobBackend {
  const { sagemaker, logs } = context.clients;
  const describe = async (name: string) => {
    try {
      return describeTrainingResult(
        await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name })),
      );
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };
  return {
    async create(request) {
      const definition = await trainingDefinition(context, request);
      const result = await sagemaker
        .send(
          new CreateTrainingJobCommand({
            TrainingJobName: request.name,
            ...definition,
            Tags: context.tags(request.owner),
          }),
        )
        .catch((error: unknown) => explain('create the training job', 'trainingJob', error));
      return {
        name: request.name,
        status: 'InProgress',
        secondaryStatus: 'Starting',
        instanceType: request.resources.instanceType,
        metrics: [],
        metadata: arnMetadata(result.TrainingJobArn),
      };
    },
    describe,
    async stop(name) {
      await sagemaker
        .send(new StopTrainingJobCommand({ TrainingJobName: name }))
        .catch((error: unknown) => explain('stop the training job', 'name', error));
    },
    logs: (request) => readCloudWatchLogs(logs, trainingLogGroup, `${request.name}/`, request),
  };
}
