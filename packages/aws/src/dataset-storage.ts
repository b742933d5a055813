/**
 * S3 access for datasets: presigned URLs so browsers move bytes straight to and from storage,
 * the multipart calls around them, listing and deletion. The client is injected (s3rver locally,
 * S3 in AWS); nothing here knows about datasets' rules, only keys the caller has already checked.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

import { s3Uri } from './data-bucket-keys';

export interface DatasetStorageOptions {
  client: S3Client;
  bucket: string;
  /** Lifetime of presigned URLs; the reference uses an hour. */
  expiresInSeconds?: number;
}

export interface StoredObject {
  key: string;
  size: number;
  lastModified: string | null;
  /** S3's ETag without quotes: the MD5 of a single-part object, of its parts' MD5s for multipart. */
  etag: string | null;
}

export interface ObjectPage {
  objects: StoredObject[];
  nextToken: string | null;
}

export function createDatasetStorage(options: DatasetStorageOptions) {
  const { client, bucket } = options;
  const expiresIn = options.expiresInSeconds ?? 3600;

  async function deleteKeys(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      const result = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failed = result.Errors ?? [];
      if (failed.length > 0)
        throw new Error(`S3 refused to delete ${failed.map((error) => error.Key).join(', ')}`);
    } catch (error) {
      // Some S3-compatible servers lack DeleteObjects; one by one is slower but equivalent.
      if (error instanceof Error && error.message.startsWith('S3 refused')) throw error;
      for (const Key of keys) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    }
  }

  const storage = {
    bucket,

    uri(key: string): string {
      return s3Uri(bucket, key);
    },

    presignPut(key: string): Promise<string> {
      return getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn,
      });
    },

    /** A download link that saves under the file's own name. */
    presignGet(key: string, downloadName: string): Promise<string> {
      const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(downloadName)}`;
      return getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }),
        {
          expiresIn,
        },
      );
    },

    async createMultipartUpload(key: string): Promise<string> {
      const result = await client.send(
        new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
      );
      if (!result.UploadId) throw new Error(`S3 returned no upload id for ${key}`);
      return result.UploadId;
    },

    presignPart(key: string, uploadId: string, partNumber: number): Promise<string> {
      return getSignedUrl(
        client,
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
        }),
        {
          expiresIn,
        },
      );
    },

    async completeMultipartUpload(
      key: string,
      uploadId: string,
      parts: { partNumber: number; etag: string }[],
    ): Promise<void> {
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: [...parts]
              .sort((a, b) => a.partNumber - b.partNumber)
              .map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })),
          },
        }),
      );
    },

    async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
      await client.send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
      );
    },

    /** One page of objects under `prefix`, in key order; `nextToken` is S3's continuation token. */
    async listObjects(
      prefix: string,
      page: { token?: string | null; limit: number },
    ): Promise<ObjectPage> {
      const result = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          MaxKeys: page.limit,
          ContinuationToken: page.token ?? undefined,
        }),
      );
      return {
        objects: (result.Contents ?? []).map((object) => ({
          key: object.Key ?? '',
          size: object.Size ?? 0,
          lastModified: object.LastModified ? object.LastModified.toISOString() : null,
          etag: object.ETag ? object.ETag.replaceAll('"', '') : null,
        })),
        nextToken: result.IsTruncated ? (result.NextContinuationToken ?? null) : null,
      };
    },

    deleteObjects: deleteKeys,

    /** Deletes every object under `prefix`, page by page; returns how many were deleted. */
    async deletePrefix(prefix: string): Promise<number> {
      let deleted = 0;
      for (;;) {
        // Always read the first page: the previous one is gone, so no continuation token is needed.
        const page = await storage.listObjects(prefix, { limit: 1000 });
        if (page.objects.length === 0) return deleted;
        await deleteKeys(page.objects.map((object) => object.key));
        deleted += page.objects.length;
      }
    },
  };
  return storage;
}

export type DatasetStorage = ReturnType<typeof createDatasetStorage>;
