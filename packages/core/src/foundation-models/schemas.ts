import * as z from 'zod';

import { computeNameSchema } from '../compute/names';
import { projectNameSchema } from '../projects';
import { foundationModelIdSchema } from './model-ids';

export const playgroundMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().trim().min(1, 'is empty').max(50_000, 'must be at most 50,000 characters'),
});
export type PlaygroundMessage = z.infer<typeof playgroundMessageSchema>;

/** What answers: an allowed Bedrock model (AWS), or one of the project's endpoints (both). */
export const playgroundSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bedrock'), modelId: foundationModelIdSchema }),
  z.object({ kind: z.literal('endpoint'), endpoint: computeNameSchema }),
]);
export type PlaygroundSource = z.infer<typeof playgroundSourceSchema>;

export const playgroundConverseInputSchema = z.object({
  project: projectNameSchema,
  source: playgroundSourceSchema,
  system: z.string().max(20_000, 'must be at most 20,000 characters').optional(),
  messages: z
    .array(playgroundMessageSchema)
    .min(1, 'holds no message: write one')
    .max(100, 'may hold at most 100 messages; start a new conversation')
    .refine(
      (messages) => messages[messages.length - 1]?.role === 'user',
      'must end with your message',
    ),
  maxTokens: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(8_192, 'must be at most 8,192')
    .optional(),
});
export type PlaygroundConverseInput = z.infer<typeof playgroundConverseInputSchema>;

/** A calendar month in UTC, the unit usage is kept and reported by. */
export const usageMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-01');

export function usageMonthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** Tokens and requests of one user with one model in one project and month. */
export interface ModelUsageRow {
  month: string;
  project: string;
  username: string;
  source: PlaygroundSource['kind'];
  /** The Bedrock model id, or the endpoint's name. */
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}
