import * as z from 'zod';

/** Every list takes an opaque cursor and a page size, and returns the next cursor or null. */
export const pageInputSchema = z.object({
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type PageInput = z.infer<typeof pageInputSchema>;

export interface Page<T> {
  items: T[];
  cursor: string | null;
}
