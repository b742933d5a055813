/**
 * The data bucket's S3 client and the adapters on it: what lazy-storage.ts loads with import() on
 * the first storage call, so that this module (not the @mlspace/aws package) is the split point.
 */
import type { S3Client } from '@aws-sdk/client-s3';

import {
  createDatasetStorage,
  createObjectIo,
  createReportStorage,
  createS3Client,
  type DatasetStorage,
  type ObjectIo,
  type ReportStorage,
} from '@mlspace/aws';

export interface DataBucketOptions {
  bucket: string;
  /** The deployment's region, for the client made here when none is given. */
  region: string;
  /** S3 (s3rver locally); when absent, a client for the region. */
  client?: S3Client;
}

export interface DataBucketStorage {
  datasetStorage: DatasetStorage;
  reportStorage: ReportStorage;
  objects: ObjectIo;
}

export function createDataBucketStorage(options: DataBucketOptions): DataBucketStorage {
  const client = options.client ?? createS3Client({ region: options.region });
  const { bucket } = options;
  return {
    datasetStorage: createDatasetStorage({ client, bucket }),
    reportStorage: createReportStorage({ client, bucket }),
    objects: createObjectIo({ client, bucket }),
  };
}
