/** The API Lambda's entry (bundled to dist/lambda/index.mjs, handler `index.handler`). */
import { readLambdaEnv } from './env';
import { createLambdaHandler } from './http/lambda-handler';
import { composeLambdaServices } from './lambda-services';

// Top-level await: the secret is fetched and services composed once, during the Lambda init phase.
export const handler = createLambdaHandler(
  await composeLambdaServices(readLambdaEnv(), { signsUsersIn: true }),
);
