import type { ProjectContext } from '../compute/owner';
import type { LabelingJobStatus, LabelingTaskType } from './task-types';

/** Everything a backend needs, with every location already resolved and checked by the API. */
export interface CreateLabelingJobRequest {
  name: string;
  owner: ProjectContext;
  taskType: LabelingTaskType;
  labels: readonly string[];
  shortInstruction: string;
  fullInstruction: string;
  /** Usernames of the project members who label. */
  workers: readonly string[];
  workersPerObject: number;
  taskTimeLimitSeconds: number;
  /** `s3://…/input.manifest`, written by the API into the output dataset. */
  inputManifestUri: string;
  /** `s3://<bucket>/<output dataset prefix>`: the job writes under `<job>/` there. */
  outputUri: string;
  labelAttributeName: string;
  /** The worker template (the job's custom one, or Ground Truth's element for the task type). */
  templateUri: string;
  /** Ground Truth's label category file (`{"document-version": …, "labels": […]}`). */
  labelCategoryConfigUri: string;
  /** Verification and adjustment: the attribute holding the reviewed job's labels. */
  reviewedAttributeName?: string;
}

export interface LabelCounters {
  total: number;
  labeled: number;
  failed: number;
  unlabeled: number;
}

export interface LabelingJobDescription {
  name: string;
  status: LabelingJobStatus;
  failureReason?: string;
  counters: LabelCounters;
  /** Where the augmented manifest is (or will be) once the job has labeled something. */
  outputManifestUri: string;
  /** Where workers label: the work team's portal on AWS. */
  workerPortalUrl?: string;
  createdAt?: string;
  metadata: Record<string, string>;
}

/**
 * Ground Truth on AWS. Locally MLSpace itself is the labeling tool (workers label in the portal,
 * the API consolidates), and the API implements this port over its registry (ADR 015).
 */
export interface LabelingJobBackend {
  create(request: CreateLabelingJobRequest): Promise<LabelingJobDescription>;
  describe(name: string): Promise<LabelingJobDescription | null>;
  /** Stops the job; what was labeled stays in the output manifest. */
  stop(name: string): Promise<void>;
}

/** Where a job's augmented manifest is, as Ground Truth lays out its output. */
export function outputManifestUri(outputUri: string, job: string): string {
  return `${outputUri.replace(/\/$/, '')}/${job}/manifests/output/output.manifest`;
}
