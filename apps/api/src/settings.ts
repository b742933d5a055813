import type { Env } from './env';

/** The resolved settings every part of the API shares, derived once from the environment. */
export interface ApiSettings {
  mode: 'local' | 'aws';
  publicUrl: string;
  dataDir: string;
  initialAdmins: string[];
  newUsersSuspended: boolean;
  /** The local sweep: how often it runs, and how far ahead of real time its clock is (tests). */
  sweep: { intervalMs: number; clockOffsetMs: number };
  session: { secret: string; ttlSeconds: number; secureCookies: boolean };
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    audiences: string[];
    allowInsecureRequests: boolean;
  };
  dynamoDb: { tableName: string; endpoint: string | undefined; region: string };
  s3: { endpoint: string | undefined; dataBucket: string; region: string };
  /** SageMaker settings for MLSPACE_BACKEND=aws (from the deployment configuration). */
  compute: {
    systemTag: string;
    kmsKeyId: string;
    subnetIds: string[];
    securityGroupIds: string[];
    notebookRoleArn: string;
    emr: {
      serviceRoleArn: string;
      instanceProfileName: string;
      securityConfiguration: string;
      logUri: string;
    };
    userScopedRoles: {
      prefix: string;
      permissionsBoundaryArn: string;
      basePolicyArns: string[];
      accountId: string;
    } | null;
  };
}

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The secrets come resolved: from Secrets Manager on AWS, from local defaults in the local server. */
export function resolveSettings(
  env: Env,
  secrets: { session: string; oidcClient: string },
): ApiSettings {
  const publicUrl = (env.MLSPACE_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const issuer = env.OIDC_ISSUER ?? `${publicUrl}/idp`;
  return {
    mode: env.MLSPACE_BACKEND,
    publicUrl,
    dataDir: env.MLSPACE_DATA_DIR,
    initialAdmins: env.MLSPACE_INITIAL_ADMINS.split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    newUsersSuspended: env.MLSPACE_NEW_USERS_SUSPENDED,
    sweep: {
      intervalMs: env.MLSPACE_SWEEP_INTERVAL_SECONDS * 1000,
      clockOffsetMs: env.MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES * 60_000,
    },
    session: {
      secret: secrets.session,
      ttlSeconds: env.MLSPACE_SESSION_TTL_SECONDS,
      secureCookies: !env.MLSPACE_INSECURE_COOKIES,
    },
    oidc: {
      issuer,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: secrets.oidcClient,
      audiences: env.OIDC_AUDIENCES.split(',')
        .map((value) => value.trim())
        .filter(Boolean),
      allowInsecureRequests: new URL(issuer).protocol === 'http:',
    },
    dynamoDb: {
      tableName: env.DYNAMODB_TABLE,
      endpoint:
        env.DYNAMODB_ENDPOINT ??
        (env.MLSPACE_BACKEND === 'local' ? `http://127.0.0.1:${env.DYNAMODB_PORT}` : undefined),
      region: env.AWS_REGION,
    },
    compute: {
      systemTag: env.MLSPACE_SYSTEM_TAG,
      kmsKeyId: env.MLSPACE_KMS_KEY_ARN,
      subnetIds: list(env.MLSPACE_SUBNET_IDS),
      securityGroupIds: list(env.MLSPACE_SECURITY_GROUP_IDS),
      notebookRoleArn: env.MLSPACE_NOTEBOOK_ROLE_ARN,
      emr: {
        serviceRoleArn: env.MLSPACE_EMR_SERVICE_ROLE_ARN,
        instanceProfileName: env.MLSPACE_EMR_INSTANCE_PROFILE,
        securityConfiguration: env.MLSPACE_EMR_SECURITY_CONFIGURATION,
        logUri: env.MLSPACE_EMR_LOG_URI,
      },
      userScopedRoles: env.MLSPACE_MANAGE_IAM_ROLES
        ? {
            prefix: env.MLSPACE_IAM_ROLE_PREFIX,
            permissionsBoundaryArn: env.MLSPACE_PERMISSIONS_BOUNDARY_ARN,
            basePolicyArns: list(env.MLSPACE_NOTEBOOK_POLICY_ARNS),
            accountId: env.MLSPACE_AWS_ACCOUNT_ID,
          }
        : null,
    },
    s3: {
      endpoint:
        env.S3_ENDPOINT ??
        (env.MLSPACE_BACKEND === 'local' ? `http://127.0.0.1:${env.S3_PORT}` : undefined),
      dataBucket: env.DATA_BUCKET,
      region: env.AWS_REGION,
    },
  };
}
