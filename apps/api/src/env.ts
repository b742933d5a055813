/**
 * The API's settings: the only place that reads process.env. Everything is validated here, at
 * start (or Lambda cold start), and passed down as plain values.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const booleanString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MLSPACE_BACKEND: z.enum(['local', 'aws']).default('local'),
  MLSPACE_DATA_DIR: z.string().default(path.join(repoRoot, '.mlspace')),
  MLSPACE_PUBLIC_URL: z.url().optional(),
  MLSPACE_PORTAL_BUILD_DIR: z.string().default(path.join(repoRoot, 'apps/portal/build')),
  MLSPACE_INITIAL_ADMINS: z.string().default('admin'),
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
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}
