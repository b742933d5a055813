import * as z from 'zod';

/**
 * A Bedrock foundation model id as ListFoundationModels names it: `provider.model`, with up to two
 * `:version` parts (`anthropic.claude-3-haiku-20240307-v1:0`, `amazon.titan-text-express-v1`).
 */
export const foundationModelIdSchema = z
  .string()
  .regex(
    /^[a-z0-9-]{1,63}\.[a-z0-9._-]{1,63}(:[a-z0-9-]{1,63}){0,2}$/,
    'must be a Bedrock model id such as anthropic.claude-3-haiku-20240307-v1:0',
  );
