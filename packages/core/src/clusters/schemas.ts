import * as z from 'zod';

import { projectNameSchema } from '../projects';

/** EMR's rule for a cluster name as the reference's form applied it: 3 to 63 letters, digits, -. */
export const clusterNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{1,61}[A-Za-z0-9])$/,
    'must be 3 to 63 characters, letters, digits and hyphens, not starting or ending with a hyphen',
  );

export const createClusterInputSchema = z.object({
  project: projectNameSchema,
  name: clusterNameSchema,
  /** The name of one of the administrator's cluster types. */
  clusterType: z.string().min(1, 'is required: pick a cluster type'),
  /** Absent: the configured release label. */
  releaseLabel: z.string().optional(),
  /** Absent: every configured application. */
  applications: z.array(z.string()).optional(),
  /** Absent: the configured limits when auto-scaling is on; null: a fixed size. */
  autoScaling: z
    .object({
      minInstances: z.number().int('must be a whole number').min(1, 'must be at least 1'),
      maxInstances: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    })
    .nullable()
    .optional(),
  subnetId: z
    .string()
    .regex(/^subnet-[0-9a-f]{8,17}$/, 'must be a subnet id such as subnet-0123456789abcdef0')
    .optional(),
});
export type CreateClusterInput = z.infer<typeof createClusterInputSchema>;
