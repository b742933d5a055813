import type { ClusterBackend } from './clusters';
import type { LabelingJobBackend } from '../labeling/backend';
import type { ComputeEventBus } from './events';
import type { TrainingJobBackend, TransformJobBackend, TuningJobBackend } from './jobs';
import type { FoundationModelBackend } from './foundation-models';
import type { EndpointBackend, EndpointConfigBackend, ModelBackend } from './models';
import type { NotebookBackend } from './notebooks';
import type { TerminologyStore, TranslationBackend, TranslationJobBackend } from './translation';

export type BackendName = 'local' | 'aws';

/**
 * The compute-backend port: one implementation per backend (`MLSPACE_BACKEND=local|aws`), chosen
 * once at start. A kind the backend does not implement yet is absent, and services report it as
 * unavailable rather than failing at call time.
 */
export interface ComputeBackend {
  readonly name: BackendName;
  readonly events: ComputeEventBus;
  readonly notebooks: NotebookBackend;
  readonly trainingJobs?: TrainingJobBackend;
  readonly tuningJobs?: TuningJobBackend;
  readonly transformJobs?: TransformJobBackend;
  readonly models?: ModelBackend;
  readonly endpointConfigs?: EndpointConfigBackend;
  readonly endpoints?: EndpointBackend;
  /** Real-time translation and terminologies: Apertium locally, Amazon Translate on AWS. */
  readonly translation?: TranslationBackend;
  readonly terminologies?: TerminologyStore;
  readonly translationJobs?: TranslationJobBackend;
  /** Ground Truth on AWS; locally absent, as MLSpace itself is the labeling tool (ADR 015). */
  readonly labelingJobs?: LabelingJobBackend;
  /** EMR on AWS; a Dask distributed cluster locally. */
  readonly clusters?: ClusterBackend;
  /** Bedrock on AWS; absent locally (the playground uses the project's endpoints there). */
  readonly foundationModels?: FoundationModelBackend;
  /**
   * Removes what the backend keeps for a project beyond its resources (on AWS the project-user
   * IAM roles and the project policy); absent where there is nothing such. Returns what it removed.
   */
  deleteProjectRoles?(project: string): Promise<string[]>;
  /**
   * Removes what the backend keeps for a user beyond their resources (on AWS their project-user
   * roles in `projects` and their user policy); absent where there is nothing such.
   */
  deleteUserRoles?(username: string, projects: readonly string[]): Promise<string[]>;
  /** Stops what the backend runs on this machine (local processes); a no-op on AWS. */
  shutdown(): Promise<void>;
}
