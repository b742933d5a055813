/**
 * A notebook attached to a cluster of its project: what it gets when it starts. Locally Dask's
 * scheduler address in Jupyter's environment; on AWS an on-start script that writes sparkmagic's
 * configuration for the cluster's Livy endpoint, as the reference's lifecycle configuration did.
 */
import { ValidationError, type ComputeBackend, type LifecycleScripts } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { notebookEnvironment, sparkmagicConfig } from './cluster-connection';
import { clusterBackend, clusterIdOf, isClusterEnded } from './clusters';

export interface ClusterAttachment {
  environment: Record<string, string>;
  lifecycle: LifecycleScripts;
}

/** The cluster, which must be one of the project's; refused naming `field` otherwise. */
export async function attachableCluster(
  db: Db,
  project: string,
  clusterName: string,
  field = 'clusterName',
) {
  const record = await db.resources.get('emrCluster', clusterName);
  if (!record || record.project.toLowerCase() !== project.toLowerCase())
    throw new ValidationError(
      field,
      `there is no cluster named ${clusterName} in project ${project}`,
    );
  if (isClusterEnded(record.status))
    throw new ValidationError(field, `the cluster ${clusterName} is ${record.status}`);
  return record;
}

function sparkmagicScript(livyUrl: string): string {
  const config = JSON.stringify(sparkmagicConfig(livyUrl), null, 2);
  return [
    '# Written by MLSpace: sparkmagic talks to the attached EMR cluster through Livy.',
    'mkdir -p /home/ec2-user/.sparkmagic',
    `cat > /home/ec2-user/.sparkmagic/config.json <<'MLSPACE_SPARKMAGIC'`,
    config,
    'MLSPACE_SPARKMAGIC',
    'chown -R ec2-user:ec2-user /home/ec2-user/.sparkmagic',
  ].join('\n');
}

/**
 * What the notebook gets from its cluster now, added to its own lifecycle scripts; `strict`
 * refuses a cluster that cannot take work yet (at create), otherwise (at a later start of a
 * notebook whose cluster has ended) the notebook starts without it.
 */
export async function withClusterAttachment(
  db: Db,
  compute: ComputeBackend,
  project: string,
  clusterName: string | undefined,
  lifecycle: LifecycleScripts,
  strict: boolean,
): Promise<ClusterAttachment> {
  if (!clusterName) return { environment: {}, lifecycle };
  let record;
  try {
    record = await attachableCluster(db, project, clusterName);
  } catch (error) {
    if (strict) throw error;
    return { environment: {}, lifecycle };
  }
  const id = clusterIdOf(record);
  const connection = id ? await clusterBackend(compute).connection(id) : null;
  if (!connection) {
    if (!strict) return { environment: {}, lifecycle };
    throw new ValidationError(
      'clusterName',
      `the cluster ${clusterName} is ${record.status}; attach it once it is Waiting`,
    );
  }
  const onStart =
    connection.engine === 'livy'
      ? [sparkmagicScript(connection.livyUrl), lifecycle.onStart ?? ''].join('\n')
      : lifecycle.onStart;
  return {
    environment: notebookEnvironment(record.name, connection),
    lifecycle: { ...lifecycle, ...(onStart ? { onStart } : {}) },
  };
}
