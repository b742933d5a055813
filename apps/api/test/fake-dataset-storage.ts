import type { DatasetStorage } from '@mlspace/aws';

/**
 * An in-memory stand-in for dataset storage, for tests about rules rather than bytes. Tests that
 * move real bytes use the S3 adapter on s3rver (see datasets.integration.test.ts).
 */
export function createFakeDatasetStorage(bucket = 'mlspace-data'): DatasetStorage {
  const objects = new Map<string, { size: number; lastModified: string }>();
  const uploads = new Map<string, string>();
  const deleteKeys = async (keys: string[]) => {
    for (const key of keys) objects.delete(key);
  };
  const storage: DatasetStorage = {
    bucket,
    uri: (key) => `s3://${bucket}/${key}`,
    presignPut: async (key) => `https://storage.test/${bucket}/${key}?signed=put`,
    presignGet: async (key) => `https://storage.test/${bucket}/${key}?signed=get`,
    createMultipartUpload: async (key) => {
      const id = `upload-${uploads.size + 1}`;
      uploads.set(id, key);
      return id;
    },
    presignPart: async (key, uploadId, partNumber) =>
      `https://storage.test/${bucket}/${key}?uploadId=${uploadId}&partNumber=${partNumber}`,
    completeMultipartUpload: async (key, uploadId) => {
      uploads.delete(uploadId);
      objects.set(key, { size: 0, lastModified: new Date().toISOString() });
    },
    abortMultipartUpload: async (_key, uploadId) => {
      uploads.delete(uploadId);
    },
    listObjects: async (prefix, page) => {
      const keys = [...objects.keys()].filter((key) => key.startsWith(prefix)).sort();
      const start = page.token ? Number(page.token) : 0;
      const slice = keys.slice(start, start + page.limit);
      return {
        objects: slice.map((key) => ({
          key,
          size: objects.get(key)?.size ?? 0,
          lastModified: objects.get(key)?.lastModified ?? null,
          etag: null,
        })),
        nextToken: start + page.limit < keys.length ? String(start + page.limit) : null,
      };
    },
    deleteObjects: deleteKeys,
    deletePrefix: async (prefix) => {
      const keys = [...objects.keys()].filter((key) => key.startsWith(prefix));
      await deleteKeys(keys);
      return keys.length;
    },
  };
  return storage;
}
