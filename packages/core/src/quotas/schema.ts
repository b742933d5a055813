import * as z from 'zod';

/** How many of a thing may run at once; `null` is "no limit". */
const countLimitSchema = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(10_000, 'must be at most 10000')
  .nullable();

/** The kinds of work a quota counts (see quotaCategoryOfKind). */
export const quotaCategories = ['notebooks', 'jobs', 'endpoints', 'clusters'] as const;
export type QuotaCategory = (typeof quotaCategories)[number];

export const quotaCategoryLabels: Record<QuotaCategory, string> = {
  notebooks: 'running notebooks',
  jobs: 'running jobs',
  endpoints: 'endpoints',
  clusters: 'clusters',
};

const categoryLimitsSchema = z.object({
  notebooks: countLimitSchema,
  jobs: countLimitSchema,
  endpoints: countLimitSchema,
  clusters: countLimitSchema,
});

/** "ml.m5", "ml.g5", or an EC2 family such as "m5" for EMR clusters. */
export const instanceFamilySchema = z
  .string()
  .regex(/^(ml\.)?[a-z][a-z0-9-]*$/, 'must be an instance family such as ml.m5 or ml.g5');

const familyLimitsSchema = z
  .record(
    instanceFamilySchema,
    z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(10_000, 'must be at most 10000'),
  )
  .refine((limits) => Object.keys(limits).length <= 100, 'may list at most 100 families');

/**
 * What a project may run at once. `project` counts everyone's work in the project, `perUser` each
 * member's own, `instancesPerFamily` the instances of each family held by running resources.
 */
export const quotaLimitsSchema = z
  .object({
    project: categoryLimitsSchema,
    perUser: categoryLimitsSchema,
    instancesPerFamily: familyLimitsSchema,
  })
  .strict();
export type QuotaLimits = z.infer<typeof quotaLimitsSchema>;

/** A fresh deployment limits nothing: administrators choose their numbers. */
export const noQuotaLimits: QuotaLimits = {
  project: { notebooks: null, jobs: null, endpoints: null, clusters: null },
  perUser: { notebooks: null, jobs: null, endpoints: null, clusters: null },
  instancesPerFamily: {},
};

/**
 * An administrator's changes for one project: a field present replaces the default (`null` lifts
 * the limit), a field absent keeps it; families listed replace the default's value for that family.
 */
export const quotaOverridesSchema = z
  .object({
    project: categoryLimitsSchema.partial(),
    perUser: categoryLimitsSchema.partial(),
    instancesPerFamily: familyLimitsSchema,
  })
  .strict();
export type QuotaOverrides = z.infer<typeof quotaOverridesSchema>;

export const noQuotaOverrides: QuotaOverrides = {
  project: {},
  perUser: {},
  instancesPerFamily: {},
};

export const setProjectQuotasInputSchema = z.object({
  project: z
    .string()
    .regex(/^[A-Za-z0-9]{3,24}$/, 'must be 3 to 24 characters, letters and digits only'),
  overrides: quotaOverridesSchema,
});
export type SetProjectQuotasInput = z.infer<typeof setProjectQuotasInputSchema>;
