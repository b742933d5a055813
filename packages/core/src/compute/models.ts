import type { LogPage, LogRequest } from './logs';
import type { ProjectContext } from './owner';
import type { EndpointConfigStatus, EndpointStatus, ModelStatus } from './status';

export interface ContainerSpec {
  image: string;
  /** `s3://…/model.tar.gz` produced by a training job. */
  modelDataS3Uri?: string;
  environment?: Record<string, string>;
}

export interface CreateModelRequest {
  name: string;
  owner: ProjectContext;
  container: ContainerSpec;
}

export interface ModelDescription {
  name: string;
  status: ModelStatus;
  container: ContainerSpec;
  createdAt?: string;
  metadata: Record<string, string>;
}

export interface ModelBackend {
  create(request: CreateModelRequest): Promise<ModelDescription>;
  describe(name: string): Promise<ModelDescription | null>;
  delete(name: string): Promise<void>;
}

export interface ProductionVariant {
  variantName: string;
  modelName: string;
  instanceType: string;
  initialInstanceCount: number;
  initialVariantWeight?: number;
}

/** Requests and responses of a share of invocations, written as JSON lines under `s3Uri`. */
export interface DataCaptureConfig {
  s3Uri: string;
  samplingPercentage: number;
}

export interface CreateEndpointConfigRequest {
  name: string;
  owner: ProjectContext;
  variants: ProductionVariant[];
  /** Capture requests and responses to S3. */
  dataCapture?: DataCaptureConfig;
}

export interface EndpointConfigDescription {
  name: string;
  status: EndpointConfigStatus;
  variants: ProductionVariant[];
  dataCapture?: DataCaptureConfig;
  createdAt?: string;
  metadata: Record<string, string>;
}

export interface EndpointConfigBackend {
  create(request: CreateEndpointConfigRequest): Promise<EndpointConfigDescription>;
  describe(name: string): Promise<EndpointConfigDescription | null>;
  delete(name: string): Promise<void>;
}

export interface CreateEndpointRequest {
  name: string;
  owner: ProjectContext;
  endpointConfigName: string;
}

export interface EndpointDescription {
  name: string;
  status: EndpointStatus;
  endpointConfigName: string;
  failureReason?: string;
  createdAt?: string;
  lastModifiedAt?: string;
  metadata: Record<string, string>;
}

export interface InvokeEndpointRequest {
  name: string;
  contentType: string;
  accept?: string;
  body: Uint8Array;
}

export interface InvokeEndpointResult {
  contentType: string;
  body: Uint8Array;
}

export interface EndpointBackend {
  create(request: CreateEndpointRequest): Promise<EndpointDescription>;
  describe(name: string): Promise<EndpointDescription | null>;
  /** Switch to another endpoint config (status goes Updating then InService). */
  update(name: string, endpointConfigName: string): Promise<void>;
  delete(name: string): Promise<void>;
  invoke(request: InvokeEndpointRequest): Promise<InvokeEndpointResult>;
  logs(request: LogRequest): Promise<LogPage>;
}
