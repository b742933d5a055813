import { readFileSync } from 'node:fs';

/**
 * The parts of AWS's Smithy service models that the contract checks read: the operations the code
 * calls and the shapes they reach, extracted into ./models by
 * tooling/scripts/extract-service-shapes.mjs (ADR 014).
 */
export type Bounds = [number | null, number | null];

export interface Constraints {
  length?: Bounds;
  range?: Bounds;
  pattern?: string;
}

export interface MemberModel extends Constraints {
  target: string;
  required?: boolean;
  httpLabel?: boolean;
  httpHeader?: string;
  httpPayload?: boolean;
}

export interface ShapeModel extends Constraints {
  type: string;
  enum?: (string | number)[];
  members?: Record<string, MemberModel>;
  member?: string;
  key?: string;
  value?: string;
  sparse?: boolean;
}

export interface OperationModel {
  input: string;
  output: string;
  errors: string[];
}

export interface ServiceModel {
  source: string;
  service: string;
  client: string;
  protocol: 'awsJson1_1' | 'awsJson1_0' | 'awsQuery' | 'restJson1';
  targetPrefix: string;
  /** Query-protocol services: the namespace of their XML answers. */
  xmlNamespace?: string;
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
}

export const modelledServices = [
  'sagemaker',
  'sagemaker-runtime',
  'iam',
  'cloudwatch-logs',
  'secrets-manager',
  'translate',
  'bedrock',
  'bedrock-runtime',
  'emr',
  'sts',
] as const;
export type ModelledService = (typeof modelledServices)[number];

const loaded = new Map<string, ServiceModel>();

export function serviceModel(service: ModelledService): ServiceModel {
  let model = loaded.get(service);
  if (!model) {
    const file = new URL(`./models/${service}.json`, import.meta.url);
    model = JSON.parse(readFileSync(file, 'utf8')) as ServiceModel;
    loaded.set(service, model);
  }
  return model;
}

/** The JSON-protocol service an `X-Amz-Target` header's prefix names (`SageMaker`, `Logs_20140328`). */
export function serviceByTargetPrefix(prefix: string): ModelledService | undefined {
  return modelledServices.find((service) => serviceModel(service).targetPrefix === prefix);
}
