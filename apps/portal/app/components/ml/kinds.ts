import type { Service } from '../../utils/active-services';

/** The ML resource kinds the portal lists, with their router, route segment and words. */
export interface MlKind {
  router: 'training' | 'tuning' | 'transform' | 'models' | 'endpointConfigs' | 'endpoints';
  /** The service an administrator deactivates to hide this kind. */
  service: Service;
  segment: string;
  title: string;
  singular: string;
  description: string;
  /** Whether the kind has a create form that takes `options` (instance types, output location). */
  hasOptions: boolean;
}

export const mlKinds: MlKind[] = [
  {
    router: 'training',
    service: 'training',
    segment: 'training',
    title: 'Training jobs',
    singular: 'training job',
    description:
      'Train a model with a built-in algorithm or your own script on data from your datasets.',
    hasOptions: true,
  },
  {
    router: 'tuning',
    service: 'tuning',
    segment: 'tuning',
    title: 'Tuning jobs',
    singular: 'tuning job',
    description: 'Search hyperparameters: many training jobs, the best one named.',
    hasOptions: true,
  },
  {
    router: 'transform',
    service: 'transform',
    segment: 'transform',
    title: 'Transform jobs',
    singular: 'transform job',
    description: 'Batch inference of a model over files in S3.',
    hasOptions: true,
  },
  {
    router: 'models',
    service: 'models',
    segment: 'models',
    title: 'Models',
    singular: 'model',
    description: 'A training job’s artefact plus inference code, ready to deploy.',
    hasOptions: false,
  },
  {
    router: 'endpointConfigs',
    service: 'endpoints',
    segment: 'endpoint-configs',
    title: 'Endpoint configurations',
    singular: 'endpoint configuration',
    description: 'Which models an endpoint serves, on which instances.',
    hasOptions: true,
  },
  {
    router: 'endpoints',
    service: 'endpoints',
    segment: 'endpoints',
    title: 'Endpoints',
    singular: 'endpoint',
    description: 'Real-time inference: invoke a model over HTTPS.',
    hasOptions: false,
  },
];

export function kindBySegment(segment: string): MlKind {
  return mlKinds.find((kind) => kind.segment === segment) ?? mlKinds[0]!;
}

export function mlPath(project: string, kind: MlKind, name?: string): string {
  const base = `/projects/${encodeURIComponent(project)}/${kind.segment}`;
  return name ? `${base}/${encodeURIComponent(name)}` : base;
}

/** Every compute kind the API names (`notebook`, `trainingJob`, …), as the portal says and links it. */
export const computeKindWords = {
  notebook: { singular: 'notebook', plural: 'notebooks', segment: 'notebooks' },
  trainingJob: { singular: 'training job', plural: 'training jobs', segment: 'training' },
  hpoJob: { singular: 'tuning job', plural: 'tuning jobs', segment: 'tuning' },
  transformJob: { singular: 'transform job', plural: 'transform jobs', segment: 'transform' },
  model: { singular: 'model', plural: 'models', segment: 'models' },
  endpointConfig: {
    singular: 'endpoint configuration',
    plural: 'endpoint configurations',
    segment: 'endpoint-configs',
  },
  endpoint: { singular: 'endpoint', plural: 'endpoints', segment: 'endpoints' },
  labelingJob: { singular: 'labeling job', plural: 'labeling jobs', segment: 'labeling' },
  emrCluster: { singular: 'cluster', plural: 'clusters', segment: 'clusters' },
  batchTranslateJob: {
    singular: 'batch translation job',
    plural: 'batch translation jobs',
    segment: 'translate/jobs',
  },
} as const;

export type ComputeKindName = keyof typeof computeKindWords;

/** The page of one resource of any compute kind. */
export function resourcePath(project: string, kind: ComputeKindName, name: string): string {
  return `/projects/${encodeURIComponent(project)}/${computeKindWords[kind].segment}/${encodeURIComponent(name)}`;
}

/** "1 notebook", "3 training jobs". */
export function countOf(kind: ComputeKindName, count: number): string {
  const words = computeKindWords[kind];
  return `${count} ${count === 1 ? words.singular : words.plural}`;
}
