import {
  CreateTransformJobCommand,
  DescribeTransformJobCommand,
  StopTransformJobCommand,
  type TransformInstanceType,
} from '@aws-sdk/client-sagemaker';

import type { TransformJobBackend } from '@mlspace/core';

import {
  arnMetadata,
  explain,
  isMissing,
  readCloudWatchLogs,
  type SageMakerContext,
} from './context';

export const transformLogGroup = '/aws/sagemaker/TransformJobs';

/** Batch transform jobs on SageMaker, with output and volume encrypted by the deployment's key. */
export function createSageMakerTransformJobs(context: SageMakerContext): TransformJobBackend {
  const { sagemaker, logs } = context.clients;
  return {
    async create(request) {
      const result = await sagemaker
        .send(
          new CreateTransformJobCommand({
            TransformJobName: request.name,
            ModelName: request.modelName,
            TransformInput: {
              DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: request.input.s3Uri } },
              ContentType: request.input.contentType,
              SplitType: request.input.splitType,
            },
            TransformOutput: {
              S3OutputPath: request.outputS3Uri,
              KmsKeyId: context.settings.kmsKeyId,
              AssembleWith: request.input.splitType === 'Line' ? 'Line' : 'None',
            },
            TransformResources: {
              InstanceType: request.resources.instanceType as TransformInstanceType,
              InstanceCount: request.resources.instanceCount,
              VolumeKmsKeyId: context.volumeKmsKeyId(request.resources.instanceType),
            },
            ...(request.maxPayloadMb !== undefined ? { MaxPayloadInMB: request.maxPayloadMb } : {}),
            ...(request.batchStrategy ? { BatchStrategy: request.batchStrategy } : {}),
            ...(request.environment ? { Environment: request.environment } : {}),
            Tags: context.tags(request.owner),
          }),
        )
        .catch((error: unknown) => explain('create the transform job', 'transformJob', error));
      return {
        name: request.name,
        status: 'InProgress',
        modelName: request.modelName,
        instanceType: request.resources.instanceType,
        outputS3Uri: request.outputS3Uri,
        metadata: arnMetadata(result.TransformJobArn),
      };
    },
    async describe(name) {
      try {
        const result = await sagemaker.send(
          new DescribeTransformJobCommand({ TransformJobName: name }),
        );
        return {
          name,
          status: result.TransformJobStatus ?? 'InProgress',
          failureReason: result.FailureReason,
          modelName: result.ModelName ?? '',
          instanceType: result.TransformResources?.InstanceType ?? '',
          outputS3Uri: result.TransformOutput?.S3OutputPath ?? '',
          createdAt: result.CreationTime?.toISOString(),
          startedAt: result.TransformStartTime?.toISOString(),
          endedAt: result.TransformEndTime?.toISOString(),
          metadata: arnMetadata(result.TransformJobArn),
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async stop(name) {
      await sagemaker
        .send(new StopTransformJobCommand({ TransformJobName: name }))
        .catch((error: unknown) => explain('stop the transform job', 'name', error));
    },
    logs: (request) => readCloudWatchLogs(logs, transformLogGroup, `${request.name}/`, request),
  };
}
