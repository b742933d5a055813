/**
 * Names in the data bucket that take no S3 client, so storage that loads its client on first use
 * can answer them at once (and synchronously, as the adapters' interfaces promise).
 */
export const reportsPrefix = 'reports/';

export function reportKey(name: string, prefix = reportsPrefix): string {
  return `${prefix}${name}`;
}

export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
