import { reportKey, s3Uri } from '@mlspace/aws';

import type { DataBucketOptions, DataBucketStorage } from './data-bucket-storage';

type AsyncMethodOf<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof T];

/** Each named method awaits the loaded adapter, then calls it with the same arguments. */
function forwardTo<T, K extends AsyncMethodOf<T>>(
  adapter: () => Promise<T>,
  methods: readonly K[],
): Pick<T, K> {
  return Object.fromEntries(
    methods.map((method) => [
      method,
      async (...args: unknown[]) => {
        const loaded = await adapter();
        return (loaded[method] as (...forwarded: unknown[]) => Promise<unknown>).apply(
          loaded,
          args,
        );
      },
    ]),
  ) as Pick<T, K>;
}

/**
 * The data bucket's storage with the S3 client (about a tenth of the API Lambda's cold start) and
 * its adapters loaded on the first call that needs S3: a list, a sign-in or a configuration read
 * never does. What needs no S3 (the bucket, an object's URI, a report's key) answers at once.
 */
export function lazyDataBucketStorage(options: DataBucketOptions): DataBucketStorage {
  let loading: Promise<DataBucketStorage> | undefined;
  const storage = () =>
    (loading ??= import('./data-bucket-storage').then(
      (module) => module.createDataBucketStorage(options),
      (error: unknown) => {
        loading = undefined; // the next call tries again
        throw error;
      },
    ));
  const { bucket } = options;
  return {
    datasetStorage: {
      bucket,
      uri: (key) => s3Uri(bucket, key),
      ...forwardTo(
        async () => (await storage()).datasetStorage,
        [
          'presignPut',
          'presignGet',
          'createMultipartUpload',
          'presignPart',
          'completeMultipartUpload',
          'abortMultipartUpload',
          'listObjects',
          'deleteObjects',
          'deletePrefix',
        ],
      ),
    },
    reportStorage: {
      keyFor: (name) => reportKey(name),
      ...forwardTo(async () => (await storage()).reportStorage, ['put', 'presignGet', 'delete']),
    },
    objects: forwardTo(async () => (await storage()).objects, ['read', 'write']),
  };
}
