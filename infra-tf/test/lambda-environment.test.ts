import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { envSchema, readEnv } from '../../apps/api/src/env';
import { readPortalLambdaEnv } from '../../apps/portal/server/env';
import { repoRoot } from './code-calls';
import { basicAnswers, resources, synthesize } from './helpers';
import { iamModel } from './iam-model';

const { tf } = synthesize();
const iam = iamModel(tf, { account: basicAnswers.awsAccount, region: basicAnswers.awsRegion });

const variablesOf = (functionName: string): Record<string, string> => {
  const fn = resources(tf, 'aws_lambda_function').find(([, f]) => f.function_name === functionName);
  return (fn?.[1].environment as { variables: Record<string, string> }).variables;
};

/** As the Lambda would see them: references become the names and ARNs Terraform fills in. */
const deployed = (variables: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      value.replace(/\$\{[^}]*\}/g, (ref) => {
        try {
          return iam.resolve(ref);
        } catch {
          return 'filled-by-terraform';
        }
      }),
    ]),
  );

const apiKeys = Object.keys(envSchema.shape);
// The portal's env reader has no schema: the keys are the `source.X` it reads.
const portalKeys = [
  ...readFileSync(join(repoRoot, 'apps/portal/server/env.ts'), 'utf8').matchAll(
    /source\.([A-Z][A-Z0-9_]*)/g,
  ),
].map((m) => m[1]!);

/** Read by the Node runtime itself. */
const runtimeVariables = ['NODE_OPTIONS'];

/** What the API reads that infra deliberately does not set on a Lambda, and why. */
const notSetOnLambdas: Record<string, string> = {
  PORT: "the local server's port; a Lambda has no listener",
  MLSPACE_DATA_DIR: "the local server's files",
  MLSPACE_PORTAL_BUILD_DIR: 'the local server serves the portal; CloudFront and S3 do on AWS',
  MLSPACE_SESSION_SECRET: 'given as MLSPACE_SESSION_SECRET_ARN, read from Secrets Manager',
  OIDC_CLIENT_SECRET: 'given as OIDC_CLIENT_SECRET_ARN, read from Secrets Manager',
  MLSPACE_SESSION_TTL_SECONDS: 'its default (8 hours) applies',
  MLSPACE_INSECURE_COOKIES: 'plain-http development only',
  OIDC_AUDIENCES: 'optional; set through additionalLambdaEnvironment when an IdP needs it',
  DYNAMODB_ENDPOINT: 'DynamoDB Local only',
  DYNAMODB_PORT: 'DynamoDB Local only',
  S3_ENDPOINT: 's3rver only',
  S3_PORT: 's3rver only',
  AWS_REGION: 'set by the Lambda runtime',
  MLSPACE_SWEEP_INTERVAL_SECONDS:
    "the local server's sweep timer; EventBridge schedules the sweep on AWS",
  MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES: 'local end-to-end tests only; refused on AWS',
};

const functions = {
  'mlspace-prod-api': { keys: apiKeys, notSet: [] as string[] },
  // CloudFront names the host on each request: the distribution's origin is this function's URL,
  // so the portal URL here would be a dependency cycle (ADR 017).
  'mlspace-prod-api-stream': { keys: apiKeys, notSet: ['MLSPACE_PUBLIC_URL'] },
  // The jobs do not sign users in, so they are not told where the OIDC client secret is.
  'mlspace-prod-sweep': { keys: apiKeys, notSet: ['OIDC_CLIENT_SECRET_ARN'] },
  'mlspace-prod-events': { keys: apiKeys, notSet: ['OIDC_CLIENT_SECRET_ARN'] },
  'mlspace-prod-portal': { keys: portalKeys, notSet: [] as string[] },
};

describe.each(Object.entries(functions))('%s', (functionName, { keys, notSet }) => {
  const variables = variablesOf(functionName);

  test('every variable infra sets is one its code reads (ten were read by nothing, the wizard banner and application name among them)', () => {
    const unread = Object.keys(variables).filter(
      (name) => !keys.includes(name) && !runtimeVariables.includes(name),
    );
    expect(unread).toEqual([]);
  });

  test('every variable its code reads is set by infra, or listed with the reason it is not', () => {
    const missing = keys.filter(
      (name) => !(name in variables) && !(name in notSetOnLambdas) && !notSet.includes(name),
    );
    expect(missing).toEqual([]);
  });
});

test('the API and job Lambdas start with the environment infra gives them', () => {
  for (const name of [
    'mlspace-prod-api',
    'mlspace-prod-api-stream',
    'mlspace-prod-sweep',
    'mlspace-prod-events',
  ]) {
    const env = readEnv(deployed(variablesOf(name)), { deployed: true });
    expect(env.MLSPACE_BACKEND, name).toBe('aws');
    expect(env.MLSPACE_INITIAL_ADMINS, name).toBe('alice');
    expect(env.MLSPACE_SESSION_SECRET_ARN, name).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:mlspace-prod\/session-secret-/,
    );
  }
  for (const name of ['mlspace-prod-api', 'mlspace-prod-api-stream'])
    expect(readEnv(deployed(variablesOf(name))).OIDC_CLIENT_SECRET_ARN, name).toMatch(
      /:secret:mlspace-prod\/oidc-client-secret-/,
    );
});

test('the portal Lambda starts with the environment infra gives it', () => {
  expect(readPortalLambdaEnv(deployed(variablesOf('mlspace-prod-portal'))).publicUrl).toMatch(
    /^https:\/\//,
  );
});
