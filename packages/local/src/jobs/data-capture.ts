import { randomUUID } from 'node:crypto';

import type { S3Client } from '@aws-sdk/client-s3';
import type { DataCaptureConfig } from '@mlspace/core';

import { joinS3Uri, putObject } from './s3-objects';

export interface CapturedInvocation {
  endpointName: string;
  variantName: string;
  request: { contentType: string; body: Uint8Array };
  response: { contentType: string; body: Uint8Array };
  at: Date;
}

/** SageMaker writes CSV and JSON payloads as text and anything else base64-encoded. */
function capturedPayload(mode: 'INPUT' | 'OUTPUT', contentType: string, body: Uint8Array) {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const encoding = type === 'text/csv' ? 'CSV' : type === 'application/json' ? 'JSON' : 'BASE64';
  return {
    observedContentType: contentType,
    mode,
    data:
      encoding === 'BASE64' ? Buffer.from(body).toString('base64') : new TextDecoder().decode(body),
    encoding,
  };
}

/**
 * One captured invocation as SageMaker's data capture writes it: a JSON line under
 * `<destination>/<endpoint>/<variant>/yyyy/mm/dd/hh/`, so tools that read SageMaker's capture
 * (Model Monitor, the SDK's capture readers) read these too. Locally each sampled invocation is
 * its own object, written before the answer returns.
 */
export function captureRecord(invocation: CapturedInvocation): { key: string; line: string } {
  const iso = invocation.at.toISOString();
  const [date, time] = iso.split('T') as [string, string];
  const [year, month, day] = date.split('-');
  const [hour, minute, rest] = time.split(':') as [string, string, string];
  const seconds = rest.replace('Z', '').replace('.', '-');
  const key = [
    invocation.endpointName,
    invocation.variantName,
    year,
    month,
    day,
    hour,
    `${minute}-${seconds}-${randomUUID()}.jsonl`,
  ].join('/');
  const line = JSON.stringify({
    captureData: {
      endpointInput: capturedPayload(
        'INPUT',
        invocation.request.contentType,
        invocation.request.body,
      ),
      endpointOutput: capturedPayload(
        'OUTPUT',
        invocation.response.contentType,
        invocation.response.body,
      ),
    },
    eventMetadata: { eventId: randomUUID(), inferenceTime: iso },
    eventVersion: '0',
  });
  return { key, line: `${line}\n` };
}

/** Writes the invocation when the sample takes it (`random` in [0, 1), injectable for tests). */
export async function captureInvocation(
  s3: S3Client,
  config: DataCaptureConfig,
  invocation: CapturedInvocation,
  random: () => number = Math.random,
): Promise<boolean> {
  if (random() * 100 >= config.samplingPercentage) return false;
  const { key, line } = captureRecord(invocation);
  await putObject(s3, joinS3Uri(config.s3Uri, key), line, 'application/jsonl');
  return true;
}
