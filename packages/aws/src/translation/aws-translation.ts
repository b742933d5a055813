/**
 * Amazon Translate for a deployment: its client, the data bucket as the jobs' storage (input
 * listing and error details), and each job's data-access role resolved as the SageMaker jobs'
 * (the project-user role under user-scoped roles, else the notebook role).
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { TranslateClient } from '@aws-sdk/client-translate';

import { controlPlaneCallLimits } from '../client-limits';
import { ensureProjectUserRole, type UserScopedRoles } from '../notebooks/project-user-role';
import { createAmazonTranslate, type TranslationStorage } from './backend';

export interface AwsTranslationSettings {
  region: string;
  systemTag: string;
  kmsKeyId?: string;
  /** The role jobs run as when user-scoped roles are off; it must trust translate.amazonaws.com. */
  executionRoleArn: string;
  userScopedRoles?: UserScopedRoles;
}

function location(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return { bucket: match?.[1] ?? '', key: match?.[2] ?? '' };
}

export function s3TranslationStorage(s3: S3Client): TranslationStorage {
  return {
    async listKeys(uri) {
      const { bucket, key } = location(uri);
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: key, ContinuationToken: token }),
        );
        for (const object of page.Contents ?? [])
          if (object.Key && !object.Key.endsWith('/')) keys.push(`s3://${bucket}/${object.Key}`);
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    async readText(uri) {
      const { bucket, key } = location(uri);
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return object.Body ? await object.Body.transformToString() : null;
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
  };
}

export function awsTranslationBackend(
  clients: { iam: IAMClient; s3: S3Client },
  settings: AwsTranslationSettings,
) {
  const roles = settings.userScopedRoles;
  return createAmazonTranslate(
    new TranslateClient({ region: settings.region, ...controlPlaneCallLimits }),
    {
      systemTag: settings.systemTag,
      kmsKeyId: settings.kmsKeyId,
      storage: s3TranslationStorage(clients.s3),
      dataAccessRoleFor: async (owner) =>
        owner.roleArn ??
        (roles
          ? ensureProjectUserRole(clients.iam, roles, owner, settings.systemTag)
          : settings.executionRoleArn),
    },
  );
}
