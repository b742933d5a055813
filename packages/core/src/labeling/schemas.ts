import * as z from 'zod';

import { computeNameSchema } from '../compute/names';
import { datasetNameSchema } from '../datasets';
import { projectNameSchema } from '../projects';
import { usernameSchema } from '../users';
import { labelingTaskTypeInfo, labelingTaskTypes } from './task-types';

/** A job labels at most this many objects: every object is a row per worker in the registry. */
export const maxLabelingObjects = 1000;

const fileNameSchema = z.string().min(1, 'is required').max(900, 'must be at most 900 bytes');

/**
 * Where the objects come from, always inside a dataset of the job's project (or, for verification
 * and adjustment, the output of an earlier job): the server derives every key from these names.
 */
export const labelingInputSchema = z.discriminatedUnion('kind', [
  /** The chosen files of the dataset, one object each; the server writes the input manifest. */
  z.object({
    kind: z.literal('files'),
    dataset: datasetNameSchema,
    files: z
      .array(fileNameSchema)
      .min(1, 'choose at least one file')
      .max(maxLabelingObjects, `must be at most ${maxLabelingObjects} files`)
      .refine((files) => new Set(files).size === files.length, 'names a file twice'),
  }),
  /** A manifest file (JSON lines with source-ref or source) in the dataset. */
  z.object({ kind: z.literal('manifest'), dataset: datasetNameSchema, file: fileNameSchema }),
  /** The output of an earlier job of the project (verification and adjustment jobs). */
  z.object({ kind: z.literal('job'), job: computeNameSchema }),
]);
export type LabelingInput = z.infer<typeof labelingInputSchema>;

export const labelNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

export const createLabelingJobInputSchema = z
  .object({
    project: projectNameSchema,
    name: computeNameSchema,
    taskType: z.enum(labelingTaskTypes),
    input: labelingInputSchema,
    /** A dataset of the project: the output manifest (and masks) go under `<dataset>/<job>/`. */
    outputDataset: datasetNameSchema,
    labels: z
      .array(labelNameSchema)
      .min(1, 'needs at least one label')
      .max(30, 'must be at most 30 labels')
      .refine((labels) => new Set(labels).size === labels.length, 'names a label twice'),
    shortInstruction: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(1000, 'must be at most 1,000 characters'),
    fullInstruction: z.string().max(20_000, 'must be at most 20,000 characters').default(''),
    workers: z
      .array(usernameSchema)
      .min(1, 'choose at least one worker')
      .max(100, 'must be at most 100 workers')
      .refine((workers) => new Set(workers).size === workers.length, 'names a worker twice'),
    workersPerObject: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(9, 'must be at most 9 (Ground Truth)'),
    taskTimeLimitSeconds: z
      .number()
      .int()
      .min(30, 'must be at least 30 seconds')
      .max(28_800, 'must be at most 8 hours'),
    /** A custom worker template (HTML); shown sanitised, never as written. */
    template: z.string().max(100_000, 'must be at most 100,000 characters').optional(),
  })
  .superRefine((job, ctx) => {
    if (job.workersPerObject > job.workers.length)
      ctx.addIssue({
        code: 'custom',
        path: ['workersPerObject'],
        message: `must not be more than the ${job.workers.length} worker${job.workers.length === 1 ? '' : 's'} chosen`,
      });
    const reviews = labelingTaskTypeInfo[job.taskType].reviews;
    if (reviews && job.input.kind !== 'job')
      ctx.addIssue({
        code: 'custom',
        path: ['input', 'kind'],
        message: `a ${labelingTaskTypeInfo[job.taskType].label} job runs over an earlier ${labelingTaskTypeInfo[reviews].label} job's output`,
      });
    if (!reviews && job.input.kind === 'job')
      ctx.addIssue({
        code: 'custom',
        path: ['input', 'kind'],
        message: 'only verification and adjustment jobs run over an earlier job',
      });
  });
export type CreateLabelingJobInput = z.infer<typeof createLabelingJobInputSchema>;
