/**
 * The portal Lambda's entry (bundled by scripts/build-lambda.mjs to build/lambda/index.mjs,
 * handler `index.handler`); the virtual module resolves to build/server/index.js at bundle time.
 */
import * as build from 'virtual:react-router/server-build';

import { readPortalLambdaEnv } from './env';
import { createPortalHandler } from './lambda-handler';

export const handler = createPortalHandler(build, readPortalLambdaEnv().publicUrl);
