import * as z from 'zod';

import {
  emrApplications,
  emrInstanceTypeProblem,
  isEmrApplication,
} from '../clusters/emr-catalogue';
import { foundationModelIdSchema } from '../foundation-models/model-ids';
import { noQuotaLimits, quotaLimitsSchema } from '../quotas/schema';
import { allowedImageRepositorySchema } from './image-repositories';
import { instanceKinds, instanceTypeProblem, type InstanceKind } from './instance-types';

/** Services an administrator can activate or deactivate. */
export const configurableServices = [
  'notebooks',
  'training',
  'tuning',
  'transform',
  'models',
  'endpoints',
  'datasets',
  'emr',
  'labeling',
  'translate',
  'bedrock',
] as const;
export type ConfigurableService = (typeof configurableServices)[number];

export const serviceLabels: Record<ConfigurableService, string> = {
  notebooks: 'Notebooks',
  training: 'Training jobs',
  tuning: 'Hyperparameter tuning',
  transform: 'Batch transform',
  models: 'Models',
  endpoints: 'Endpoints',
  datasets: 'Datasets',
  emr: 'EMR clusters',
  labeling: 'Ground Truth labeling',
  translate: 'Translate',
  bedrock: 'Bedrock',
};

/** Services that need AWS and have no local implementation. */
const awsOnlyServices: readonly ConfigurableService[] = ['bedrock'];

export type DeploymentMode = 'local' | 'aws';

/** Why a service cannot run in this deployment, or null when it can. */
export function serviceUnavailableReason(
  service: ConfigurableService,
  mode: DeploymentMode,
): string | null {
  return mode === 'local' && awsOnlyServices.includes(service)
    ? 'not available in local mode'
    : null;
}

/** A list of types SageMaker offers for that use; a type it refuses for the use is named. */
function instanceTypeListSchema(kind: InstanceKind) {
  return z
    .array(
      z.string().superRefine((name, ctx) => {
        const problem = instanceTypeProblem(kind, name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    )
    .refine((types) => new Set(types).size === types.length, 'lists an instance type twice');
}

/** No token lives longer than two years, whatever an administrator sets. */
const maxApiTokenLifetimeDays = 730;

const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f2937');

/** An EC2 type whose size the catalogue knows (see clusters/emr-catalogue.ts). */
const emrInstanceTypeSchema = z
  .string()
  .min(1, 'is required')
  .superRefine((name, ctx) => {
    const problem = emrInstanceTypeProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const emrClusterTypeSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9 _-]{1,40}$/, 'must be 1 to 40 letters, digits, spaces, _ or -'),
  masterInstanceType: emrInstanceTypeSchema,
  coreInstanceType: emrInstanceTypeSchema,
  coreInstanceCount: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100'),
});

export const appConfigSchema = z
  .object({
    instanceTypes: z.object({
      notebook: instanceTypeListSchema('notebook'),
      training: instanceTypeListSchema('training'),
      transform: instanceTypeListSchema('transform'),
      endpoint: instanceTypeListSchema('endpoint'),
    }),
    /** ECR repositories users may run their own training and model images from. */
    allowedImageRepositories: z
      .array(allowedImageRepositorySchema)
      .max(100, 'may list at most 100 repositories')
      .refine((entries) => new Set(entries).size === entries.length, 'lists a repository twice'),
    services: z.object(
      Object.fromEntries(configurableServices.map((service) => [service, z.boolean()])) as Record<
        ConfigurableService,
        z.ZodBoolean
      >,
    ),
    emr: z
      .object({
        clusterTypes: z
          .array(emrClusterTypeSchema)
          .max(20, 'may list at most 20 cluster types')
          .refine(
            (types) => new Set(types.map((type) => type.name.toLowerCase())).size === types.length,
            'names a cluster type twice',
          ),
        applications: z
          .array(
            z
              .string()
              .refine(
                isEmrApplication,
                `must be one of EMR's applications: ${emrApplications.join(', ')}`,
              ),
          )
          .refine((names) => new Set(names).size === names.length, 'lists an application twice'),
        releaseLabel: z.string().regex(/^emr-\d+\.\d+\.\d+$/, 'must look like emr-6.15.0'),
        autoScaling: z
          .object({
            enabled: z.boolean(),
            minInstances: z.number().int().min(1, 'must be at least 1'),
            maxInstances: z
              .number()
              .int()
              .min(1, 'must be at least 1')
              .max(100, 'must be at most 100'),
            scaleOutCpuPercent: z.number().int().min(1).max(100),
            scaleInCpuPercent: z.number().int().min(1).max(100),
          })
          .refine((value) => value.maxInstances >= value.minInstances, {
            message: 'must be at least minInstances',
            path: ['maxInstances'],
          })
          .refine((value) => value.scaleInCpuPercent < value.scaleOutCpuPercent, {
            message:
              'must be below scaleOutCpuPercent, or the cluster would scale in and out at once',
            path: ['scaleInCpuPercent'],
          }),
      })
      // A cluster type whose core count auto-scaling would at once change is a mistake.
      .superRefine((emr, ctx) => {
        if (!emr.autoScaling.enabled) return;
        const { minInstances, maxInstances } = emr.autoScaling;
        emr.clusterTypes.forEach((type, index) => {
          if (type.coreInstanceCount < minInstances || type.coreInstanceCount > maxInstances)
            ctx.addIssue({
              code: 'custom',
              path: ['clusterTypes', index, 'coreInstanceCount'],
              message: `must be between autoScaling.minInstances (${minInstances}) and maxInstances (${maxInstances}) while auto-scaling is on`,
            });
        });
      }),
    /** Bedrock models project members may invoke (checked against ListFoundationModels on save). */
    bedrock: z.object({
      allowedModels: z
        .array(foundationModelIdSchema)
        .max(100, 'may list at most 100 models')
        .refine((ids) => new Set(ids).size === ids.length, 'lists a model twice'),
    }),
    projectCreation: z.object({
      mode: z.enum(['everyone', 'admins', 'groups']),
      allowedGroups: z.array(z.string().regex(/^[A-Za-z0-9]{1,24}$/, 'must be a group name')),
    }),
    banner: z.object({
      enabled: z.boolean(),
      text: z.string().max(500, 'must be at most 500 characters'),
      textColor: colourSchema,
      backgroundColor: colourSchema,
    }),
    /** Default quotas of every project; administrators override them per project. */
    quotas: quotaLimitsSchema,
    /** Personal API tokens: the longest lifetime a user may give one. */
    apiTokens: z.object({
      maxLifetimeDays: z
        .number()
        .int('must be a whole number of days')
        .min(1, 'must be at least 1 day')
        .max(maxApiTokenLifetimeDays, `must be at most ${maxApiTokenLifetimeDays} days`),
    }),
  })
  .strict();

export type AppConfig = z.infer<typeof appConfigSchema>;

/** What a fresh deployment allows: small types, each one SageMaker offers for its use. */
export const defaultInstanceTypes: Readonly<Record<InstanceKind, readonly string[]>> = {
  notebook: ['ml.t3.medium', 'ml.t3.large', 'ml.t3.xlarge', 'ml.m5.xlarge', 'ml.m5.2xlarge'],
  training: [
    'ml.m5.large',
    'ml.m5.xlarge',
    'ml.m5.2xlarge',
    'ml.c5.xlarge',
    'ml.c5.2xlarge',
    'ml.g4dn.xlarge',
  ],
  transform: ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge'],
  endpoint: ['ml.t2.medium', 'ml.m5.large', 'ml.m5.xlarge', 'ml.c5.large', 'ml.g4dn.xlarge'],
};

/** Version 0: what a fresh deployment starts with. */
export function defaultAppConfig(mode: DeploymentMode): AppConfig {
  const services = Object.fromEntries(
    configurableServices.map((service) => [
      service,
      serviceUnavailableReason(service, mode) === null,
    ]),
  ) as Record<ConfigurableService, boolean>;
  return {
    instanceTypes: {
      notebook: [...defaultInstanceTypes.notebook],
      training: [...defaultInstanceTypes.training],
      transform: [...defaultInstanceTypes.transform],
      endpoint: [...defaultInstanceTypes.endpoint],
    },
    allowedImageRepositories: [],
    services,
    emr: {
      clusterTypes: [
        {
          name: 'Small',
          masterInstanceType: 'm5.xlarge',
          coreInstanceType: 'm5.xlarge',
          coreInstanceCount: 2,
        },
        {
          name: 'Medium',
          masterInstanceType: 'm5.xlarge',
          coreInstanceType: 'm5.xlarge',
          coreInstanceCount: 5,
        },
        {
          name: 'Large',
          masterInstanceType: 'm5.xlarge',
          coreInstanceType: 'p3.8xlarge',
          coreInstanceCount: 2,
        },
      ],
      applications: ['Hadoop', 'Spark', 'Ganglia', 'Hive', 'Livy'],
      releaseLabel: 'emr-6.15.0',
      autoScaling: {
        enabled: true,
        minInstances: 2,
        maxInstances: 15,
        scaleOutCpuPercent: 75,
        scaleInCpuPercent: 25,
      },
    },
    bedrock: { allowedModels: [] },
    projectCreation: { mode: 'everyone', allowedGroups: [] },
    banner: { enabled: false, text: '', textColor: '#ffffff', backgroundColor: '#1f2937' },
    quotas: structuredClone(noQuotaLimits),
    apiTokens: { maxLifetimeDays: 90 },
  };
}

/**
 * A stored version as the current schema reads it. Versions written before a section existed take
 * that section's default, and types SageMaker does not offer for their use (allowed by older
 * catalogues) are dropped, so the editor never shows a list it would refuse to save.
 */
export function configFromStoredDocument(document: unknown, mode: DeploymentMode): AppConfig {
  const parsed = appConfigSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  const stored = (typeof document === 'object' && document !== null ? document : {}) as Partial<
    Record<keyof AppConfig, unknown>
  >;
  const defaults = defaultAppConfig(mode);
  const merged = { ...defaults, ...stored } as AppConfig;
  const storedTypes = (stored.instanceTypes ?? {}) as Partial<Record<InstanceKind, unknown>>;
  merged.instanceTypes = Object.fromEntries(
    instanceKinds.map((kind) => {
      const list = storedTypes[kind];
      return [
        kind,
        Array.isArray(list)
          ? list.filter(
              (name): name is string =>
                typeof name === 'string' && instanceTypeProblem(kind, name) === null,
            )
          : defaults.instanceTypes[kind],
      ];
    }),
  ) as AppConfig['instanceTypes'];
  const repaired = appConfigSchema.safeParse(merged);
  return repaired.success ? repaired.data : merged;
}

/** The banner as pages render it: absent when disabled or empty. */
export function visibleBanner(
  config: AppConfig,
): { text: string; textColor: string; backgroundColor: string } | null {
  const { enabled, text, textColor, backgroundColor } = config.banner;
  return enabled && text.trim() ? { text, textColor, backgroundColor } : null;
}

/** Services that are both activated by the administrator and available in this deployment. */
export function activeServices(
  config: AppConfig,
  mode: DeploymentMode,
): Record<ConfigurableService, boolean> {
  return Object.fromEntries(
    configurableServices.map((service) => [
      service,
      config.services[service] && serviceUnavailableReason(service, mode) === null,
    ]),
  ) as Record<ConfigurableService, boolean>;
}

export interface ConfigVersionView {
  version: number;
  config: AppConfig;
  changedBy: string;
  changedAt: string;
  reason: string;
}

export const configReasonSchema = z
  .string()
  .trim()
  .min(1, 'is required: say why you change the configuration')
  .max(500, 'must be at most 500 characters');
