import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  createComputeEventBus,
  type ComputeStatusEvent,
  type CreateTrainingJobRequest,
} from '@mlspace/core';

import { findFreePort } from '../processes';
import { localS3ClientConfig, startLocalS3, type LocalS3 } from '../s3';

export const testBucket = 'mlspace-data';

export interface JobsTestEnv {
  s3: S3Client;
  dir: string;
  events: ReturnType<typeof createComputeEventBus>;
  seen: ComputeStatusEvent[];
  put(key: string, body: string): Promise<string>;
  stop(): Promise<void>;
}

/** s3rver in a temp folder, an S3 client for it, and an event bus that records what it is given. */
export async function startJobsTestEnv(): Promise<JobsTestEnv> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlspace-jobs-'));
  const server: LocalS3 = await startLocalS3({
    port: await findFreePort(),
    dataDir: path.join(dir, 's3'),
    buckets: [testBucket],
    corsOrigins: [],
  });
  const s3 = new S3Client(localS3ClientConfig(server.endpoint));
  const events = createComputeEventBus();
  const seen: ComputeStatusEvent[] = [];
  events.subscribe((event) => void seen.push(event));
  return {
    s3,
    dir,
    events,
    seen,
    async put(key, body) {
      await s3.send(new PutObjectCommand({ Bucket: testBucket, Key: key, Body: body }));
      return `s3://${testBucket}/${key}`;
    },
    async stop() {
      s3.destroy();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A separable binary problem: label first, then two features (the built-in algorithms' CSV rule). */
export function classificationCsv(rows = 200, seed = 1): string {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const a = random();
    const b = random();
    lines.push(`${a + b > 1 ? 1 : 0},${a.toFixed(4)},${b.toFixed(4)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function trainingRequest(
  name: string,
  overrides: Partial<CreateTrainingJobRequest> = {},
): CreateTrainingJobRequest {
  return {
    name,
    owner: { project: 'proj', username: 'alice' },
    algorithm: { image: 'sklearn-linear-learner' },
    hyperParameters: { epochs: '5' },
    inputs: [{ name: 'train', s3Uri: `s3://${testBucket}/datasets/train/` }],
    outputS3Uri: `s3://${testBucket}/output`,
    resources: { instanceType: 'ml.m5.large', instanceCount: 1, volumeSizeGb: 5 },
    stopping: { maxRuntimeSeconds: 120 },
    ...overrides,
  };
}
