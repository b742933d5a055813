import type { Env } from './env';

/** The resolved settings every part of the API shares, derived once from the environment. */
export interface ApiSettings {
  mode: 'local' | 'aws';
  publicUrl: string;
  dataDir: string;
  initialAdmins: string[];
  newUsersSuspended: boolean;
  session: { secret: string; ttlSeconds: number; secureCookies: boolean };
  oidc: { issuer: string; clientId: string; clientSecret: string; audiences: string[]; allowInsecureRequests: boolean };
  dynamoDb: { tableName: string; endpoint: string | undefined; region: string };
  s3: { endpoint: string | undefined; dataBucket: string; region: string };
}

export function resolveSettings(env: Env, sessionSecret: string): ApiSettings {
  const publicUrl = (env.MLSPACE_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const issuer = env.OIDC_ISSUER ?? `${publicUrl}/idp`;
  return {
    mode: env.MLSPACE_BACKEND,
    publicUrl,
    dataDir: env.MLSPACE_DATA_DIR,
    initialAdmins: env.MLSPACE_INITIAL_ADMINS.split(',').map((name) => name.trim()).filter(Boolean),
    newUsersSuspended: env.MLSPACE_NEW_USERS_SUSPENDED,
    session: { secret: sessionSecret, ttlSeconds: env.MLSPACE_SESSION_TTL_SECONDS, secureCookies: !env.MLSPACE_INSECURE_COOKIES },
    oidc: {
      issuer,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      audiences: env.OIDC_AUDIENCES.split(',').map((value) => value.trim()).filter(Boolean),
      allowInsecureRequests: new URL(issuer).protocol === 'http:',
    },
    dynamoDb: {
      tableName: env.DYNAMODB_TABLE,
      endpoint: env.DYNAMODB_ENDPOINT ?? (env.MLSPACE_BACKEND === 'local' ? `http://127.0.0.1:${env.DYNAMODB_PORT}` : undefined),
      region: env.AWS_REGION,
    },
    s3: {
      endpoint: env.S3_ENDPOINT ?? (env.MLSPACE_BACKEND === 'local' ? `http://127.0.0.1:${env.S3_PORT}` : undefined),
      dataBucket: env.DATA_BUCKET,
      region: env.AWS_REGION,
    },
  };
}
