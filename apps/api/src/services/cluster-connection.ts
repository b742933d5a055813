/**
 * How a notebook of the cluster's project reaches it: locally the Dask scheduler (Dask's own
 * `DASK_SCHEDULER_ADDRESS`, so `Client()` with no argument connects), on AWS the cluster's Livy
 * endpoint written into sparkmagic's configuration, as the reference's lifecycle script did.
 */
import type { ClusterConnection, ResourceRecord } from '@mlspace/core';

export interface ClusterConnectionView {
  cluster: string;
  /** Null while the cluster cannot take work (starting, terminated). */
  engine: 'dask' | 'livy' | null;
  address: string | null;
  /** Code to paste into a notebook cell. */
  snippet: string | null;
  /** What an attached notebook gets in its environment. */
  environment: Record<string, string>;
}

/** sparkmagic's configuration for one Livy endpoint (~/.sparkmagic/config.json). */
export function sparkmagicConfig(livyUrl: string): Record<string, unknown> {
  const credentials = { url: livyUrl, auth: 'None' };
  return {
    kernel_python_credentials: credentials,
    kernel_scala_credentials: credentials,
    kernel_r_credentials: credentials,
    session_configs: { driverMemory: '1000M', executorCores: 2 },
  };
}

export function notebookEnvironment(
  clusterName: string,
  connection: ClusterConnection,
): Record<string, string> {
  return connection.engine === 'dask'
    ? { MLSPACE_CLUSTER: clusterName, DASK_SCHEDULER_ADDRESS: connection.schedulerAddress }
    : { MLSPACE_CLUSTER: clusterName, MLSPACE_CLUSTER_LIVY_URL: connection.livyUrl };
}

export function clusterConnectionView(
  record: ResourceRecord,
  connection: ClusterConnection | null,
): ClusterConnectionView {
  if (!connection)
    return { cluster: record.name, engine: null, address: null, snippet: null, environment: {} };
  const environment = notebookEnvironment(record.name, connection);
  if (connection.engine === 'dask')
    return {
      cluster: record.name,
      engine: 'dask',
      address: connection.schedulerAddress,
      snippet: `from distributed import Client\nclient = Client("${connection.schedulerAddress}")\nclient.submit(sum, [1, 2, 3]).result()`,
      environment,
    };
  return {
    cluster: record.name,
    engine: 'livy',
    address: connection.livyUrl,
    snippet: `%load_ext sparkmagic.magics\n%spark add -s ${record.name} -l python -u ${connection.livyUrl}`,
    environment,
  };
}
