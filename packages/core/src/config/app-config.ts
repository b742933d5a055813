import { z } from 'zod';

import { instanceTypeNames } from './instance-types';

/** The resource kinds whose instance types the administrator restricts. */
export const instanceKinds = ['notebook', 'training', 'transform', 'endpoint'] as const;
export type InstanceKind = (typeof instanceKinds)[number];

export const instanceKindLabels: Record<InstanceKind, string> = {
  notebook: 'notebook instances',
  training: 'training and tuning jobs',
  transform: 'batch transform jobs',
  endpoint: 'endpoints',
};

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
const awsOnlyServices: readonly ConfigurableService[] = ['emr', 'labeling', 'translate', 'bedrock'];

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

const instanceTypeSchema = z.enum(instanceTypeNames as [string, ...string[]], {
  error: (issue) => `${String(issue.input)} is not in the instance-type catalogue`,
});

const instanceTypeListSchema = z
  .array(instanceTypeSchema)
  .refine((types) => new Set(types).size === types.length, 'lists an instance type twice');

const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f2937');

const emrClusterTypeSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9 _-]{1,40}$/, 'must be 1 to 40 letters, digits, spaces, _ or -'),
  masterInstanceType: z.string().min(1, 'is required'),
  coreInstanceType: z.string().min(1, 'is required'),
  coreInstanceCount: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100'),
});

export const appConfigSchema = z
  .object({
    instanceTypes: z.object({
      notebook: instanceTypeListSchema,
      training: instanceTypeListSchema,
      transform: instanceTypeListSchema,
      endpoint: instanceTypeListSchema,
    }),
    services: z.object(
      Object.fromEntries(configurableServices.map((service) => [service, z.boolean()])) as Record<
        ConfigurableService,
        z.ZodBoolean
      >,
    ),
    emr: z.object({
      clusterTypes: z.array(emrClusterTypeSchema).max(20, 'may list at most 20 cluster types'),
      applications: z.array(
        z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'must be an application name like Spark'),
      ),
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
        }),
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
  })
  .strict();

export type AppConfig = z.infer<typeof appConfigSchema>;

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
      notebook: ['ml.t3.medium', 'ml.t3.large', 'ml.t3.xlarge', 'ml.m5.large', 'ml.m5.xlarge'],
      training: [
        'ml.m5.large',
        'ml.m5.xlarge',
        'ml.m5.2xlarge',
        'ml.c5.xlarge',
        'ml.c5.2xlarge',
        'ml.g4dn.xlarge',
      ],
      transform: ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge'],
      endpoint: ['ml.t3.medium', 'ml.m5.large', 'ml.m5.xlarge', 'ml.c5.large', 'ml.g4dn.xlarge'],
    },
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
    projectCreation: { mode: 'everyone', allowedGroups: [] },
    banner: { enabled: false, text: '', textColor: '#ffffff', backgroundColor: '#1f2937' },
  };
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
