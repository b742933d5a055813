/**
 * The API's settings: the only place that reads process.env. Everything is validated here, at
 * start (or Lambda cold start), and passed down as plain values.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as z from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const booleanString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** Exported so infra-tf's tests can check that what it sets is what the API reads. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MLSPACE_BACKEND: z.enum(['local', 'aws']).default('local'),
  MLSPACE_DATA_DIR: z.string().default(path.join(repoRoot, '.mlspace')),
  MLSPACE_PUBLIC_URL: z.url().optional(),
  MLSPACE_PORTAL_BUILD_DIR: z.string().default(path.join(repoRoot, 'apps/portal/build')),
  // Required on AWS (see readEnv): an IdP user called `admin` must not become an administrator there.
  MLSPACE_INITIAL_ADMINS: z.string().trim().min(1, 'must name at least one username').optional(),
  MLSPACE_NEW_USERS_SUSPENDED: booleanString,
  MLSPACE_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // On AWS the secret lives in Secrets Manager; the Lambda entries fetch it at cold start.
  MLSPACE_SESSION_SECRET_ARN: z
    .string()
    .startsWith('arn:', 'must be a Secrets Manager ARN')
    .optional(),
  MLSPACE_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  MLSPACE_INSECURE_COOKIES: booleanString,
  /** How often the local server runs the cost-controls sweep (on AWS an EventBridge schedule does). */
  MLSPACE_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Moves the local sweep's clock forward, for end-to-end tests of its time rules (an idle stop
   * an hour away); refused on AWS.
   */
  MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES: z.coerce.number().int().min(0).max(525_600).default(0),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().default('mlspace-portal'),
  // No default here: the local server supplies its own, and on AWS a missing secret stops the cold start.
  OIDC_CLIENT_SECRET: z.string().min(1, 'must not be empty').optional(),
  OIDC_CLIENT_SECRET_ARN: z.string().startsWith('arn:', 'must be a Secrets Manager ARN').optional(),
  OIDC_AUDIENCES: z.string().default(''),
  DYNAMODB_TABLE: z.string().default('mlspace'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  DYNAMODB_PORT: z.coerce.number().int().default(8000),
  S3_PORT: z.coerce.number().int().default(4568),
  S3_ENDPOINT: z.url().optional(),
  DATA_BUCKET: z.string().default('mlspace-data'),
  AWS_REGION: z.string().default('us-east-1'),
  // Compute on AWS (MLSPACE_BACKEND=aws): where and as whom SageMaker notebooks run.
  MLSPACE_SYSTEM_TAG: z.string().default('MLSpace'),
  MLSPACE_KMS_KEY_ARN: z.string().default(''),
  MLSPACE_SUBNET_IDS: z.string().default(''),
  MLSPACE_SECURITY_GROUP_IDS: z.string().default(''),
  MLSPACE_NOTEBOOK_ROLE_ARN: z.string().default(''),
  MLSPACE_MANAGE_IAM_ROLES: booleanString,
  MLSPACE_PERMISSIONS_BOUNDARY_ARN: z.string().default(''),
  MLSPACE_NOTEBOOK_POLICY_ARNS: z.string().default(''),
  MLSPACE_IAM_ROLE_PREFIX: z.string().default('MLSpace'),
  MLSPACE_AWS_ACCOUNT_ID: z.string().default(''),
  // EMR clusters on AWS: the roles, security configuration and log location infra-tf creates.
  MLSPACE_EMR_SERVICE_ROLE_ARN: z.string().default(''),
  MLSPACE_EMR_INSTANCE_PROFILE: z.string().default(''),
  MLSPACE_EMR_SECURITY_CONFIGURATION: z.string().default(''),
  MLSPACE_EMR_LOG_URI: z.string().default(''),
});

export type Env = Omit<z.infer<typeof envSchema>, 'MLSPACE_INITIAL_ADMINS'> & {
  MLSPACE_INITIAL_ADMINS: string;
};

/** The local development IdP seeds this user; nowhere else is it a sensible default. */
const developmentAdmin = 'admin';

export function readEnv(
  source: NodeJS.ProcessEnv = process.env,
  { deployed = false }: { deployed?: boolean } = {},
): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success)
    throw invalidEnvironment(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  const env = parsed.data;
  if (env.MLSPACE_BACKEND === 'aws' && env.MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES !== 0)
    throw invalidEnvironment([
      'MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES: is for local end-to-end tests and must be 0 on AWS',
    ]);
  if ((deployed || env.MLSPACE_BACKEND === 'aws') && env.MLSPACE_INITIAL_ADMINS === undefined)
    throw invalidEnvironment([
      'MLSPACE_INITIAL_ADMINS: must be set on AWS (the usernames of the first administrators)',
    ]);
  return { ...env, MLSPACE_INITIAL_ADMINS: env.MLSPACE_INITIAL_ADMINS ?? developmentAdmin };
}

const invalidEnvironment = (problems: string[]) =>
  new Error(`Invalid environment: ${problems.join('; ')}`);

/** The Lambda entries' settings: they always run deployed, whatever MLSPACE_BACKEND says. */
export const readLambdaEnv = () => readEnv(process.env, { deployed: true });
