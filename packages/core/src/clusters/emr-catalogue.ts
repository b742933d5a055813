import { findInstanceType } from '../config/instance-types';

/**
 * EMR runs on EC2 instance types (`m5.xlarge`), which SageMaker offers as ML types (`ml.m5.xlarge`)
 * with the same vCPUs and memory. The catalogue MLSpace carries is SageMaker's, so an EMR type is
 * accepted when its ML twin is in it: that also gives the size a local Dask worker takes.
 */
export function emrInstanceSize(name: string): { vcpus: number; memoryGiB: number } | null {
  const type = findInstanceType(`ml.${name}`);
  return type ? { vcpus: type.vcpus, memoryGiB: type.memoryGiB } : null;
}

/** Why an EMR instance type cannot be used, in words for a form; null when it can. */
export function emrInstanceTypeProblem(name: string): string | null {
  if (name.startsWith('ml.'))
    return `${name} is a SageMaker type; EMR takes EC2 types such as m5.xlarge`;
  return emrInstanceSize(name) ? null : `${name} is not an instance type MLSpace's catalogue knows`;
}

/** The applications EMR installs on request (the reference's list of 18). */
export const emrApplications = [
  'Flink',
  'Ganglia',
  'HBase',
  'HCatalog',
  'Hadoop',
  'Hive',
  'Hue',
  'JupyterHub',
  'Livy',
  'MXNet',
  'Oozie',
  'Phoenix',
  'Presto',
  'Spark',
  'Tensorflow',
  'Tez',
  'Zeppelin',
  'ZooKeeper',
] as const;

export function isEmrApplication(name: string): boolean {
  return (emrApplications as readonly string[]).some(
    (known) => known.toLowerCase() === name.toLowerCase(),
  );
}
