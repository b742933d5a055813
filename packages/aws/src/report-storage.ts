/**
 * S3 access for admin reports: CSV objects under `reports/` in the data bucket, written by the
 * API, downloaded through short-lived presigned GETs (120 s, as in the reference) and deleted.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

import { reportKey, reportsPrefix } from './data-bucket-keys';

export interface ReportStorageOptions {
  client: S3Client;
  bucket: string;
  prefix?: string;
  expiresInSeconds?: number;
}

export interface ReportStorage {
  keyFor(name: string): string;
  put(key: string, body: string): Promise<void>;
  presignGet(key: string, downloadName: string): Promise<string>;
  delete(key: string): Promise<void>;
}

export function createReportStorage(options: ReportStorageOptions): ReportStorage {
  const { client, bucket } = options;
  const prefix = options.prefix ?? reportsPrefix;
  const expiresIn = options.expiresInSeconds ?? 120;
  return {
    keyFor: (name) => reportKey(name, prefix),
    async put(key, body) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'text/csv; charset=utf-8',
        }),
      );
    },
    presignGet(key, downloadName) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentDisposition: `attachment; filename="${downloadName.replace(/"/g, '')}"`,
        }),
        { expiresIn },
      );
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
