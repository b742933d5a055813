/**
 * Reading and writing whole objects in the data bucket, for what the API itself produces or
 * inspects (labeling manifests, masks, an image's header). Keys are checked by the caller.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface ObjectIoOptions {
  client: S3Client;
  bucket: string;
}

export function createObjectIo({ client, bucket }: ObjectIoOptions) {
  return {
    /**
     * The object's first `maxBytes` bytes (a ranged read, so a large image costs only its header),
     * or null when there is no such object.
     */
    async read(key: string, maxBytes: number): Promise<Uint8Array | null> {
      try {
        const result = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${maxBytes - 1}` }),
        );
        return result.Body ? await result.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
          return null;
        throw error;
      }
    },

    async write(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    },
  };
}

export type ObjectIo = ReturnType<typeof createObjectIo>;
