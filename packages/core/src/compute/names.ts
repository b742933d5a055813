import * as z from 'zod';

/**
 * SageMaker's rule for notebook, job, model and endpoint names; applied on both backends so a
 * name that works locally also works on AWS. Local notebook names also become URL path segments.
 */
export const computeNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
    'must be 1 to 63 characters, letters, digits and hyphens, not starting or ending with a hyphen',
  );
