import type { LogPage, LogRequest } from './logs';
import type { ProjectContext } from './owner';
import type { ClusterStatus } from './status';

/** Managed scaling of the core nodes between two counts (EMR managed scaling; locally recorded). */
export interface ClusterAutoScaling {
  minInstances: number;
  maxInstances: number;
}

export interface CreateClusterRequest {
  name: string;
  owner: ProjectContext;
  /** The administrator's cluster type it was made from (kept as a tag and in the description). */
  clusterType: string;
  releaseLabel: string;
  applications: readonly string[];
  primaryInstanceType: string;
  coreInstanceType: string;
  coreInstanceCount: number;
  autoScaling: ClusterAutoScaling | null;
  subnetId?: string;
}

/** Why a cluster is in its state, as EMR says it (`code`: e.g. USER_REQUEST, BOOTSTRAP_FAILURE). */
export interface ClusterStateChangeReason {
  code?: string;
  message?: string;
}

export interface ClusterTimeline {
  createdAt?: string;
  /** When it first became ready for work (WAITING). */
  readyAt?: string;
  endedAt?: string;
}

export interface ClusterDescription {
  /** The backend's id (EMR: `j-…`); MLSpace keeps it on the record to reach the cluster again. */
  id: string;
  name: string;
  status: ClusterStatus;
  stateChangeReason?: ClusterStateChangeReason;
  /** Set when the cluster ended with errors (what the registry shows as the failure reason). */
  failureReason?: string;
  releaseLabel: string;
  applications: { name: string; version?: string }[];
  timeline: ClusterTimeline;
  metadata: Record<string, string>;
}

/** One machine or process of a cluster, with what the backend knows of its load. */
export interface ClusterInstance {
  id: string;
  role: 'primary' | 'core' | 'task';
  instanceType: string;
  state: string;
  /** Local: the Dask worker's address; AWS: the private DNS name. */
  address?: string;
  /** Dask workers only: threads, memory limit and use (bytes), and the tasks they process now. */
  threads?: number;
  memoryLimitBytes?: number;
  memoryUsedBytes?: number;
  processingTasks?: string[];
  /** Results the worker holds in memory. */
  storedResults?: number;
}

/**
 * How a notebook reaches a cluster. Locally a Dask scheduler (`tcp://host:port`); on AWS the
 * cluster's Livy endpoint, which sparkmagic talks to.
 */
export type ClusterConnection =
  { engine: 'dask'; schedulerAddress: string } | { engine: 'livy'; livyUrl: string };

/**
 * Clusters on a backend, addressed by the backend's id (EMR cluster names are not unique, ids
 * are). Calls return once the backend accepted the request; state changes follow as status events.
 */
export interface ClusterBackend {
  /** What runs a cluster here, in words for the portal ("Dask distributed", "Amazon EMR"). */
  readonly engine: 'dask' | 'emr';
  create(request: CreateClusterRequest): Promise<ClusterDescription>;
  describe(id: string): Promise<ClusterDescription | null>;
  instances(id: string): Promise<ClusterInstance[]>;
  /** `reason` is recorded as the state-change message where the backend takes one (locally). */
  terminate(id: string, reason?: string): Promise<void>;
  /** Where a notebook connects, or null while the cluster cannot take work. */
  connection(id: string): Promise<ClusterConnection | null>;
  logs(request: LogRequest): Promise<LogPage>;
}
