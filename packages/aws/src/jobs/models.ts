import {
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  type ProductionVariantInstanceType,
} from '@aws-sdk/client-sagemaker';

import type { EndpointConfigBackend, ModelBackend } from '@mlspace/core';

import { arnMetadata, explain, isMissing, type SageMakerContext } from './context';
import { servingImage } from './images';

/** Models on SageMaker: in the VPC (2 subnets), network-isolated, run as the project role. */
export function createSageMakerModels(context: SageMakerContext): ModelBackend {
  const { sagemaker } = context.clients;
  return {
    async create(request) {
      const result = await sagemaker
        .send(
          new CreateModelCommand({
            ModelName: request.name,
            PrimaryContainer: {
              Image: servingImage(request.container.image, context.settings.region),
              Mode: 'SingleModel',
              ...(request.container.modelDataS3Uri
                ? { ModelDataUrl: request.container.modelDataS3Uri }
                : {}),
              ...(request.container.environment &&
              Object.keys(request.container.environment).length > 0
                ? { Environment: request.container.environment }
                : {}),
            },
            ExecutionRoleArn: await context.roleFor(request.owner),
            VpcConfig: context.vpcConfig(2),
            EnableNetworkIsolation: true,
            Tags: context.tags(request.owner),
          }),
        )
        .catch((error: unknown) => explain('create the model', 'model', error));
      return {
        name: request.name,
        status: 'Created',
        container: request.container,
        metadata: arnMetadata(result.ModelArn),
      };
    },
    async describe(name) {
      try {
        const result = await sagemaker.send(new DescribeModelCommand({ ModelName: name }));
        return {
          name,
          status: 'Created',
          container: {
            image: result.PrimaryContainer?.Image ?? '',
            modelDataS3Uri: result.PrimaryContainer?.ModelDataUrl,
            environment: result.PrimaryContainer?.Environment,
          },
          createdAt: result.CreationTime?.toISOString(),
          metadata: arnMetadata(result.ModelArn),
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(name) {
      await sagemaker
        .send(new DeleteModelCommand({ ModelName: name }))
        .catch((error: unknown) => explain('delete the model', 'name', error));
    },
  };
}

/** Endpoint configs on SageMaker, their storage encrypted with the deployment's key. */
export function createSageMakerEndpointConfigs(context: SageMakerContext): EndpointConfigBackend {
  const { sagemaker } = context.clients;
  return {
    async create(request) {
      const result = await sagemaker
        .send(
          new CreateEndpointConfigCommand({
            EndpointConfigName: request.name,
            ProductionVariants: request.variants.map((variant) => ({
              VariantName: variant.variantName,
              ModelName: variant.modelName,
              InstanceType: variant.instanceType as ProductionVariantInstanceType,
              InitialInstanceCount: variant.initialInstanceCount,
              InitialVariantWeight: variant.initialVariantWeight ?? 1,
            })),
            KmsKeyId: context.settings.kmsKeyId,
            ...(request.dataCapture
              ? {
                  DataCaptureConfig: {
                    EnableCapture: true,
                    InitialSamplingPercentage: request.dataCapture.samplingPercentage,
                    DestinationS3Uri: request.dataCapture.s3Uri,
                    KmsKeyId: context.settings.kmsKeyId,
                    CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
                  },
                }
              : {}),
            Tags: context.tags(request.owner),
          }),
        )
        .catch((error: unknown) =>
          explain('create the endpoint configuration', 'endpointConfig', error),
        );
      return {
        name: request.name,
        status: 'Created',
        variants: request.variants,
        metadata: arnMetadata(result.EndpointConfigArn),
      };
    },
    async describe(name) {
      try {
        const result = await sagemaker.send(
          new DescribeEndpointConfigCommand({ EndpointConfigName: name }),
        );
        return {
          name,
          status: 'Created',
          variants: (result.ProductionVariants ?? []).map((variant) => ({
            variantName: variant.VariantName ?? '',
            modelName: variant.ModelName ?? '',
            instanceType: variant.InstanceType ?? '',
            initialInstanceCount: variant.InitialInstanceCount ?? 1,
            initialVariantWeight: variant.InitialVariantWeight,
          })),
          ...(result.DataCaptureConfig?.EnableCapture && result.DataCaptureConfig.DestinationS3Uri
            ? {
                dataCapture: {
                  s3Uri: result.DataCaptureConfig.DestinationS3Uri,
                  samplingPercentage: result.DataCaptureConfig.InitialSamplingPercentage ?? 100,
                },
              }
            : {}),
          createdAt: result.CreationTime?.toISOString(),
          metadata: arnMetadata(result.EndpointConfigArn),
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(name) {
      await sagemaker
        .send(new DeleteEndpointConfigCommand({ EndpointConfigName: name }))
        .catch((error: unknown) => explain('delete the endpoint configuration', 'name', error));
    },
  };
}
