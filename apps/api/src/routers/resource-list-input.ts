import * as z from 'zod';

import { pageInputSchema } from '@mlspace/core';

/**
 * What every compute-resource list (notebooks, jobs, models, endpoints) takes besides its page:
 * a name fragment and the creation order, the two ways its designed key can be read without a Scan
 * (the order flips the Query's direction; the fragment is a FilterExpression on the same Query).
 */
export const resourceListInput = pageInputSchema.extend({
  search: z.string().trim().max(63, 'must be at most 63 characters').optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
});

/** The repository's input for a resource list's filters, from the procedure's input. */
export function resourceListFilters(input: z.infer<typeof resourceListInput>) {
  return {
    cursor: input.cursor,
    limit: input.limit,
    nameContains: input.search || undefined,
    order: input.order,
  };
}
