/**
 * What the policy decides on. Callers load these facts and pass them in, so the policy stays pure
 * and the same rules serve the API, the portal and the tests.
 */

/** Who is asking. Anonymous callers are `null`, never a principal with an empty name. */
export interface Principal {
  username: string;
  isAdmin: boolean;
  suspended: boolean;
  /**
   * When this account was created. Resources and datasets name their creator by username, so a
   * later account of a deleted user's name would otherwise be the creator of what that user left.
   */
  createdAt?: string;
}

export const resourceKinds = [
  'notebook',
  'trainingJob',
  'hpoJob',
  'transformJob',
  'model',
  'endpointConfig',
  'endpoint',
  'emrCluster',
  'labelingJob',
  'batchTranslateJob',
] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** The kinds that have a stop or termination time set by the project's cost controls. */
export const scheduledResourceKinds = ['notebook', 'endpoint', 'emrCluster'] as const;
export type ScheduledResourceKind = (typeof scheduledResourceKinds)[number];

/** Per kind: may a resource's creator override the project's stop or termination time? */
export type OwnerOverrideSwitches = Partial<Record<ScheduledResourceKind, boolean>>;

export interface ProjectFacts {
  name: string;
  suspended: boolean;
  /** The caller's effective role: the highest of their direct link and their groups' links. */
  role: 'owner' | 'member' | null;
  allowOwnerOverride?: OwnerOverrideSwitches;
}

export interface ResourceFacts {
  kind: ResourceKind;
  project: ProjectFacts;
  createdBy: string;
  /** When the record was made; one older than the caller's account is not theirs (see Principal). */
  createdAt?: string;
}

export type DatasetScope = 'global' | 'project' | 'private' | 'group';

export interface DatasetFacts {
  scope: DatasetScope;
  createdBy: string;
  /** When the dataset was made; one older than the caller's account is not theirs (see Principal). */
  createdAt?: string;
  /** Present when `scope` is `project`; a project dataset without it is denied. */
  project?: ProjectFacts;
  sharedWithGroups: readonly string[];
  callerGroups: readonly string[];
}

/** A dataset about to be created; its creator is the caller. */
export interface DatasetCreationFacts {
  scope: DatasetScope;
  /** Present when `scope` is `project`. */
  project?: ProjectFacts;
  /** The groups a `group` dataset will be shared with. */
  groups: readonly string[];
  callerGroups: readonly string[];
}

export interface GroupFacts {
  name: string;
  callerIsMember: boolean;
}

/** The dynamic configuration's project creation policy. */
export interface ProjectCreationPolicy {
  mode: 'everyone' | 'admins' | 'groups';
  allowedGroups: readonly string[];
}
