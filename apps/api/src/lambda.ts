/**
 * The API Lambda's entry (bundled to dist/lambda/index.mjs): `index.handler` behind the HTTP API,
 * and `index.streamHandler`, which a second function runs behind a Function URL for the replies
 * that stream (ADR 017). Both share this bundle and its cold start.
 */
import { readLambdaEnv } from './env';
import { createLambdaHandler } from './http/lambda-handler';
import {
  apiOnPublicUrl,
  createStreamingLambdaHandler,
  lambdaStreamingRuntime,
} from './http/stream-handler';
import { composeLambdaServices } from './lambda-services';

// Top-level await: the secret is fetched and services composed once, during the Lambda init phase.
const services = await composeLambdaServices(readLambdaEnv(), { signsUsersIn: true });

export const handler = createLambdaHandler(services);

// Outside the Lambda runtime (benchmarks importing the bundle) there is no `awslambda` to stream with.
const streaming = lambdaStreamingRuntime();
export const streamHandler = streaming
  ? createStreamingLambdaHandler(apiOnPublicUrl(services), streaming)
  : undefined;
