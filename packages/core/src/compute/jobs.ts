import type { LogPage, LogRequest } from './logs';
import type { ProjectContext } from './owner';
import type { TrainingJobStatus, TransformJobStatus, TuningJobStatus } from './status';

/** A container image or a built-in algorithm, with the entry point for local runs. */
export interface AlgorithmSpec {
  /** ECR image URI (AWS) or a name the local runner knows (e.g. `sklearn`). */
  image: string;
  /** Local: the script to run; AWS: passed as `sagemaker_program`. */
  entryPoint?: string;
  inputMode?: 'File' | 'Pipe';
  metricDefinitions?: { name: string; regex: string }[];
}

export interface DataChannel {
  name: string;
  /** `s3://bucket/prefix` on both backends (local resolves against s3rver). */
  s3Uri: string;
  contentType?: string;
  /** SageMaker's S3DataType; a prefix when absent. */
  s3DataType?: 'S3Prefix' | 'ManifestFile' | 'AugmentedManifestFile';
  /** Augmented manifests: the attributes each record passes on. */
  attributeNames?: string[];
}

export interface ResourceConfig {
  instanceType: string;
  instanceCount: number;
  volumeSizeGb: number;
}

export interface StoppingCondition {
  maxRuntimeSeconds: number;
}

export interface CreateTrainingJobRequest {
  name: string;
  owner: ProjectContext;
  algorithm: AlgorithmSpec;
  hyperParameters: Record<string, string>;
  inputs: DataChannel[];
  outputS3Uri: string;
  resources: ResourceConfig;
  stopping: StoppingCondition;
  environment?: Record<string, string>;
}

export interface JobMetric {
  name: string;
  value: number;
  at?: string;
}

export interface TrainingJobDescription {
  name: string;
  status: TrainingJobStatus;
  /** SageMaker's secondary status (Starting, Downloading, Training, Uploading...). */
  secondaryStatus?: string;
  failureReason?: string;
  instanceType: string;
  modelArtifactsS3Uri?: string;
  metrics: JobMetric[];
  createdAt?: string;
  startedAt?: string;
  endedAt?: string;
  metadata: Record<string, string>;
}

export interface TrainingJobBackend {
  create(request: CreateTrainingJobRequest): Promise<TrainingJobDescription>;
  describe(name: string): Promise<TrainingJobDescription | null>;
  stop(name: string): Promise<void>;
  logs(request: LogRequest): Promise<LogPage>;
}

export interface HyperParameterRange {
  name: string;
  type: 'Integer' | 'Continuous' | 'Categorical';
  min?: string;
  max?: string;
  values?: string[];
  scaling?: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
}

export interface CreateTuningJobRequest {
  name: string;
  owner: ProjectContext;
  strategy: 'Bayesian' | 'Random' | 'Grid' | 'Hyperband';
  objective: { metricName: string; type: 'Minimize' | 'Maximize' };
  ranges: HyperParameterRange[];
  maxJobs: number;
  maxParallelJobs: number;
  /** Template for each training job; its hyperparameters are the static ones. */
  trainingJob: Omit<CreateTrainingJobRequest, 'name' | 'owner'>;
}

export interface TuningJobDescription {
  name: string;
  status: TuningJobStatus;
  failureReason?: string;
  counters: { completed: number; inProgress: number; failed: number; stopped: number };
  bestTrainingJob?: {
    name: string;
    objectiveValue?: number;
    hyperParameters: Record<string, string>;
  };
  createdAt?: string;
  endedAt?: string;
  metadata: Record<string, string>;
}

export interface TuningJobBackend {
  create(request: CreateTuningJobRequest): Promise<TuningJobDescription>;
  describe(name: string): Promise<TuningJobDescription | null>;
  stop(name: string): Promise<void>;
  /** The training jobs the tuner launched, newest first. */
  listTrainingJobs(name: string): Promise<TrainingJobDescription[]>;
  logs(request: LogRequest): Promise<LogPage>;
}

export interface CreateTransformJobRequest {
  name: string;
  owner: ProjectContext;
  modelName: string;
  input: {
    s3Uri: string;
    contentType?: string;
    splitType?: 'None' | 'Line' | 'RecordIO' | 'TFRecord';
  };
  outputS3Uri: string;
  resources: Omit<ResourceConfig, 'volumeSizeGb'>;
  maxPayloadMb?: number;
  batchStrategy?: 'MultiRecord' | 'SingleRecord';
  environment?: Record<string, string>;
}

export interface TransformJobDescription {
  name: string;
  status: TransformJobStatus;
  failureReason?: string;
  modelName: string;
  instanceType: string;
  outputS3Uri: string;
  createdAt?: string;
  startedAt?: string;
  endedAt?: string;
  metadata: Record<string, string>;
}

export interface TransformJobBackend {
  create(request: CreateTransformJobRequest): Promise<TransformJobDescription>;
  describe(name: string): Promise<TransformJobDescription | null>;
  stop(name: string): Promise<void>;
  logs(request: LogRequest): Promise<LogPage>;
}
