import * as z from 'zod';

import { computeNameSchema } from '../compute/names';
import { imageUriSchema } from '../config/image-repositories';
import { projectNameSchema } from '../projects';

/**
 * Inputs for training, tuning and transform jobs, models, endpoint configs and endpoints. The portal
 * validates its forms with these as the user types; the API parses with the same schemas.
 */
export const s3UriSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .regex(
    /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
    'must be an S3 URI like s3://bucket/prefix',
  );

const hyperParameterNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,256}$/, 'letters, digits and _ . : - only');

export const metricDefinitionSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(255),
  regex: z
    .string()
    .min(1, 'is required')
    .max(500)
    .refine(
      hasOneCaptureGroup,
      'must be a valid regular expression with one capture group for the value',
    ),
});

function hasOneCaptureGroup(pattern: string): boolean {
  try {
    return (new RegExp(`${pattern}|`).exec('')?.length ?? 0) >= 2;
  } catch {
    return false;
  }
}

export const algorithmChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), name: z.string().min(1, 'pick an algorithm') }),
  z.object({
    kind: z.literal('script'),
    /** The entry-point script: an object in one of the caller's datasets. */
    entryPointS3Uri: s3UriSchema.refine((uri) => uri.endsWith('.py'), 'must name a .py file'),
  }),
  /** The user's own training image, from an ECR repository the administrator allows. */
  z.object({ kind: z.literal('image'), imageUri: imageUriSchema }),
]);
export type AlgorithmChoice = z.infer<typeof algorithmChoiceSchema>;

export const channelDataTypes = ['S3Prefix', 'ManifestFile', 'AugmentedManifestFile'] as const;

export const channelSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, . _ or -'),
    s3Uri: s3UriSchema,
    /** What the URI names: a prefix, a manifest of objects, or an augmented manifest (a labeling job's output). */
    s3DataType: z.enum(channelDataTypes).default('S3Prefix'),
    /** Augmented manifests: the attributes each record passes on, in order (`source-ref`, the label). */
    attributeNames: z
      .array(
        z.string().regex(/^[A-Za-z0-9_.-]{1,256}$/, 'must be an attribute name like source-ref'),
      )
      .max(16, 'must be at most 16 attributes')
      .optional(),
  })
  .superRefine((channel, ctx) => {
    const augmented = channel.s3DataType === 'AugmentedManifestFile';
    if (augmented && !channel.attributeNames?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['attributeNames'],
        message:
          'an augmented manifest needs the attributes to read, like source-ref and the label',
      });
    if (!augmented && channel.attributeNames?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['attributeNames'],
        message: 'only an augmented manifest takes attribute names',
      });
  });

export const trainingDefinitionSchema = z.object({
  algorithm: algorithmChoiceSchema,
  hyperParameters: z.record(hyperParameterNameSchema, z.string().max(2500)).default({}),
  inputs: z
    .array(channelSchema)
    .min(1, 'needs at least one input channel')
    .max(20)
    .refine(
      (channels) => new Set(channels.map((c) => c.name)).size === channels.length,
      'channel names must be unique',
    ),
  outputS3Uri: s3UriSchema,
  instanceType: z.string().min(1, 'pick an instance type'),
  instanceCount: z.number().int().min(1).max(10),
  volumeSizeGb: z.number().int().min(1).max(1024).default(5),
  maxRuntimeSeconds: z
    .number()
    .int()
    .min(1, 'must be at least 1 second')
    .max(5 * 24 * 3600, 'must be at most 5 days'),
  metricDefinitions: z.array(metricDefinitionSchema).max(40).default([]),
});
export type TrainingDefinitionInput = z.input<typeof trainingDefinitionSchema>;

export const createTrainingJobInputSchema = trainingDefinitionSchema.extend({
  project: projectNameSchema,
  name: computeNameSchema,
});
export type CreateTrainingJobInput = z.infer<typeof createTrainingJobInputSchema>;

export const hyperParameterRangeSchema = z
  .object({
    name: hyperParameterNameSchema,
    type: z.enum(['Integer', 'Continuous', 'Categorical']),
    min: z.string().optional(),
    max: z.string().optional(),
    values: z.array(z.string().min(1)).optional(),
    scaling: z.enum(['Auto', 'Linear', 'Logarithmic', 'ReverseLogarithmic']).optional(),
  })
  .superRefine((range, ctx) => {
    if (range.type === 'Categorical') {
      if (!range.values?.length)
        ctx.addIssue({ code: 'custom', path: ['values'], message: 'needs at least one value' });
      return;
    }
    const min = Number(range.min);
    const max = Number(range.max);
    if (range.min === undefined || range.min === '' || !Number.isFinite(min))
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'must be a number' });
    if (range.max === undefined || range.max === '' || !Number.isFinite(max))
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be a number' });
    else if (max < min)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must not be less than min' });
    if (range.type === 'Integer' && (!Number.isInteger(min) || !Number.isInteger(max))) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'integer ranges take whole numbers' });
    }
  });

export const createTuningJobInputSchema = z.object({
  project: projectNameSchema,
  name: computeNameSchema.refine(
    (name) => name.length <= 32,
    'must be at most 32 characters (SageMaker tuning jobs)',
  ),
  strategy: z.enum(['Random', 'Grid', 'Bayesian', 'Hyperband']),
  objective: z.object({
    metricName: z.string().min(1, 'is required'),
    type: z.enum(['Minimize', 'Maximize']),
  }),
  ranges: z.array(hyperParameterRangeSchema).min(1, 'needs at least one range').max(30),
  maxJobs: z.number().int().min(1).max(500),
  maxParallelJobs: z.number().int().min(1).max(100),
  training: trainingDefinitionSchema,
});
export type CreateTuningJobInput = z.infer<typeof createTuningJobInputSchema>;

export const createTransformJobInputSchema = z.object({
  project: projectNameSchema,
  name: computeNameSchema,
  modelName: computeNameSchema,
  inputS3Uri: s3UriSchema,
  contentType: z.enum(['text/csv', 'application/json']).default('text/csv'),
  splitType: z.enum(['None', 'Line']).default('Line'),
  batchStrategy: z.enum(['SingleRecord', 'MultiRecord']).default('MultiRecord'),
  outputS3Uri: s3UriSchema,
  instanceType: z.string().min(1, 'pick an instance type'),
  instanceCount: z.number().int().min(1).max(10).default(1),
});
export type CreateTransformJobInput = z.infer<typeof createTransformJobInputSchema>;

export const createModelInputSchema = z
  .object({
    project: projectNameSchema,
    name: computeNameSchema,
    /** A completed training job of the project whose artefact the model serves... */
    trainingJobName: computeNameSchema.optional(),
    /** ...or an artefact or container image given directly. */
    modelDataS3Uri: s3UriSchema.optional(),
    /** A built-in algorithm's name (its serving image), or the user's own ECR image URI. */
    image: z.string().trim().max(255).optional(),
    /** `inference.py` (or a sourcedir.tar.gz) with model_fn/input_fn/predict_fn/output_fn. */
    inferenceCodeS3Uri: s3UriSchema.optional(),
    environment: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,1023}$/), z.string().max(1024))
      .default({}),
  })
  .refine((input) => input.trainingJobName || input.modelDataS3Uri || input.image, {
    path: ['trainingJobName'],
    message: 'pick a training job, or give a model artefact or a container image',
  });
export type CreateModelInput = z.infer<typeof createModelInputSchema>;

export const productionVariantSchema = z.object({
  variantName: z
    .string()
    .regex(/^[A-Za-z0-9](-*[A-Za-z0-9]){0,62}$/, 'letters, digits and hyphens'),
  modelName: computeNameSchema,
  instanceType: z.string().min(1, 'pick an instance type'),
  initialInstanceCount: z.number().int().min(1).max(10),
  initialVariantWeight: z.number().min(0).max(1).optional(),
});

export const createEndpointConfigInputSchema = z.object({
  project: projectNameSchema,
  name: computeNameSchema,
  variants: z
    .array(productionVariantSchema)
    .min(1, 'needs at least one variant')
    .max(10)
    .refine(
      (variants) => new Set(variants.map((v) => v.variantName)).size === variants.length,
      'variant names must be unique',
    ),
  /** Where requests and responses are captured: an output, so the project's own dataset or output folder. */
  dataCapture: z
    .object({
      s3Uri: s3UriSchema,
      samplingPercentage: z.number().int().min(1).max(100).default(100),
    })
    .optional(),
});
export type CreateEndpointConfigInput = z.infer<typeof createEndpointConfigInputSchema>;

export const createEndpointInputSchema = z.object({
  project: projectNameSchema,
  name: computeNameSchema,
  endpointConfigName: computeNameSchema,
});
export type CreateEndpointInput = z.infer<typeof createEndpointInputSchema>;

export const invokeEndpointInputSchema = z.object({
  name: computeNameSchema,
  contentType: z.enum(['text/csv', 'application/json']),
  accept: z.enum(['text/csv', 'application/json']).optional(),
  body: z
    .string()
    .min(1, 'the payload is empty')
    .max(6 * 1024 * 1024, 'must be at most 6 MB'),
});
export type InvokeEndpointInput = z.infer<typeof invokeEndpointInputSchema>;
