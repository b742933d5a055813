import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

import { unreachableAsUnavailable } from '@mlspace/core';

/**
 * Bounds for every AWS control-plane call (SageMaker, IAM, CloudWatch Logs): a stalled endpoint
 * fails the call instead of holding the request.
 */
export const controlPlaneCallLimits = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 2_000, socketTimeout: 10_000 },
};

/**
 * Storage calls answer a user's request: two attempts of at most 2 s of silence keep a 503 under
 * 5 s. The limit is idle time (socketTimeout), not total time, so a large object that keeps
 * flowing is not cut off.
 */
export const storageCallLimits = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1_000, socketTimeout: 2_000 },
} satisfies S3ClientConfig;

export const storageUnavailableMessage = 'Storage (S3) is not answering; try again shortly';

/** The S3 client every adapter uses: bounded calls, and an unreachable S3 named as such. */
export function createS3Client(config: S3ClientConfig): S3Client {
  const client = new S3Client({ ...storageCallLimits, ...config });
  client.middlewareStack.add(unreachableAsUnavailable('storage', storageUnavailableMessage), {
    step: 'initialize',
    priority: 'high',
    name: 'storageUnavailable',
  });
  return client;
}
