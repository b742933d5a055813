import {
  CreateEndpointCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';

import { ValidationError, type EndpointBackend, type EndpointStatus } from '@mlspace/core';

import {
  arnMetadata,
  explain,
  isMissing,
  readCloudWatchLogs,
  type SageMakerContext,
} from './context';

/** Endpoints on SageMaker, invoked through sagemaker-runtime. */
export function createSageMakerEndpoints(context: SageMakerContext): EndpointBackend {
  const { sagemaker, runtime, logs } = context.clients;
  return {
    async create(request) {
      const result = await sagemaker
        .send(
          new CreateEndpointCommand({
            EndpointName: request.name,
            EndpointConfigName: request.endpointConfigName,
            Tags: context.tags(request.owner),
          }),
        )
        .catch((error: unknown) => explain('create the endpoint', 'endpoint', error));
      return {
        name: request.name,
        status: 'Creating',
        endpointConfigName: request.endpointConfigName,
        metadata: arnMetadata(result.EndpointArn),
      };
    },
    async describe(name) {
      try {
        const result = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
        return {
          name,
          status: (result.EndpointStatus ?? 'Creating') as EndpointStatus,
          endpointConfigName: result.EndpointConfigName ?? '',
          failureReason: result.FailureReason,
          createdAt: result.CreationTime?.toISOString(),
          lastModifiedAt: result.LastModifiedTime?.toISOString(),
          metadata: arnMetadata(result.EndpointArn),
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async update(name, endpointConfigName) {
      await sagemaker
        .send(
          new UpdateEndpointCommand({
            EndpointName: name,
            EndpointConfigName: endpointConfigName,
            RetainAllVariantProperties: false,
          }),
        )
        .catch((error: unknown) => explain('update the endpoint', 'endpointConfigName', error));
    },
    async delete(name) {
      await sagemaker
        .send(new DeleteEndpointCommand({ EndpointName: name }))
        .catch((error: unknown) => explain('delete the endpoint', 'name', error));
    },
    async invoke(request) {
      try {
        const result = await runtime.send(
          new InvokeEndpointCommand({
            EndpointName: request.name,
            ContentType: request.contentType,
            Accept: request.accept,
            Body: request.body,
          }),
        );
        return {
          contentType: result.ContentType ?? 'application/octet-stream',
          body: result.Body ?? new Uint8Array(),
        };
      } catch (error) {
        // The model rejected the payload: its own message, as a bad request rather than a failure of MLSpace.
        if (
          error instanceof Error &&
          (error.name === 'ModelError' || error.name === 'ValidationError')
        ) {
          throw new ValidationError('body', error.message);
        }
        throw error;
      }
    },
    logs: (request) =>
      readCloudWatchLogs(logs, `/aws/sagemaker/Endpoints/${request.name}`, undefined, request),
  };
}
