import { Testing } from 'cdktf';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedBundles } from '../src/bundles';
import { deepMerge, parseConfig, type MlspaceConfig } from '../src/config';
import { MlspaceStack, stackId } from '../src/stack';

export const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const basicAnswers = {
  awsAccount: '123456789012',
  awsRegion: 'eu-west-1',
  oidcIssuerUrl: 'https://idp.example.com/realms/mlspace',
  oidcClientId: 'mlspace-portal',
  initialAdmins: ['alice'],
};

export function buildConfig(overrides: unknown = {}): MlspaceConfig {
  return parseConfig(deepMerge(basicAnswers, overrides));
}

// Fixture bundles keep the synthesized JSON (and its asset hashes) independent of app builds.
export const fixtureBundles: ResolvedBundles = {
  functions: {
    api: {
      name: 'api',
      dir: join(fixtures, 'bundles/api'),
      handler: 'index.handler',
      placeholder: false,
    },
    portalServer: {
      name: 'portalServer',
      dir: join(fixtures, 'bundles/portal'),
      handler: 'index.handler',
      placeholder: false,
    },
    sweepJob: {
      name: 'sweepJob',
      dir: join(fixtures, 'bundles/sweep'),
      handler: 'index.handler',
      placeholder: false,
    },
    eventsJob: {
      name: 'eventsJob',
      dir: join(fixtures, 'bundles/events'),
      handler: 'index.handler',
      placeholder: false,
    },
  },
  portalAssetsDir: join(fixtures, 'portal-client'),
};

export type TfJson = {
  terraform: { backend: Record<string, Record<string, unknown>> };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: string }>;
};

export function synthesize(overrides: unknown = {}): { json: string; tf: TfJson } {
  const config = buildConfig(overrides);
  const app = Testing.app();
  const stack = new MlspaceStack(app, stackId(config), {
    config,
    baseDir: fixtures,
    bundles: fixtureBundles,
  });
  const json = Testing.synth(stack);
  return { json, tf: JSON.parse(json) as TfJson };
}

export const resources = (tf: TfJson, type: string) => Object.entries(tf.resource[type] ?? {});

/** `${aws_s3_bucket.storage_data_bucket_X.id}` for a resource key, as references appear in the JSON. */
export const ref = (type: string, key: string, attr: string) => `\${${type}.${key}.${attr}}`;
