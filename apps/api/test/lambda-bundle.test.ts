/**
 * The API Lambda's cold start compiles what index.mjs imports statically; the AWS compute clients
 * (ADR 005's lazy backend), the S3 client, the OIDC libraries and the routers that not every page
 * calls must stay behind import(), loaded on the first request that needs them (ADR 023).
 * Reads the bundle `npm run build` wrote (turbo builds before it tests) and its source maps.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';

const bundleDir = fileURLToPath(new URL('../dist/lambda', import.meta.url));
const entry = join(bundleDir, 'index.mjs');

function staticallyLoaded(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, path] of source.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.mjs)"/g))
    staticallyLoaded(join(dirname(file), path!), seen);
  return seen;
}

function coldStartSources(): string[] {
  return [...staticallyLoaded(entry)].flatMap(
    (file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources,
  );
}

test.skipIf(!existsSync(entry))(
  'the API Lambda loads no SageMaker, IAM, EMR, Translate or Bedrock client at cold start',
  () => {
    const sources = coldStartSources();
    const lazyOnly =
      /@aws-sdk\/client-(sagemaker|iam|emr|translate|bedrock|bedrock-runtime|cloudwatch-logs)\/|packages\/aws\/src\/(compute|notebooks|jobs|clusters|translation|bedrock)\b/;
    expect(sources.filter((source) => lazyOnly.test(source))).toEqual([]);
    // What every request needs at once is there: DynamoDB and the routers.
    expect(sources.some((source) => source.includes('@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(sources.some((source) => source.includes('src/root.ts'))).toBe(true);
  },
);

test.skipIf(!existsSync(entry))(
  'the API Lambda loads neither the S3 client nor the OIDC libraries at cold start',
  () => {
    const firstUseOnly =
      /@aws-sdk\/(client-s3|s3-request-presigner)\/|node_modules\/(openid-client|oauth4webapi|jose)\/|packages\/aws\/src\/(dataset-storage|report-storage|object-io)\.ts|packages\/auth\/src\/oidc-protocol\.ts/;
    expect(coldStartSources().filter((source) => firstUseOnly.test(source))).toEqual([]);
    // They are in the bundle, in chunks loaded on first use.
    const bundled = readdirSync(join(bundleDir, 'chunks'))
      .filter((file) => file.endsWith('.mjs.map'))
      .flatMap(
        (file) =>
          (
            JSON.parse(readFileSync(join(bundleDir, 'chunks', file), 'utf8')) as {
              sources: string[];
            }
          ).sources,
      );
    expect(bundled.some((source) => source.includes('@aws-sdk/client-s3/'))).toBe(true);
    expect(bundled.some((source) => source.includes('node_modules/openid-client/'))).toBe(true);
  },
);

test.skipIf(!existsSync(entry))(
  'the API Lambda builds only the routers every page calls (system, me) at cold start',
  () => {
    // Source paths are relative to the map's folder (dist/lambda or its chunks).
    const routers = coldStartSources()
      .map((source) => /^(?:\.\.\/)+src\/routers\/([\w-]+)\.ts$/.exec(source)?.[1])
      .filter((router) => router !== undefined);
    expect([...new Set(routers)].sort()).toEqual(['me', 'system']);
  },
);

test.skipIf(!existsSync(entry))(
  'the API Lambda compiles only the parts of zod its cold start uses (import * as z, not import { z })',
  () => {
    // `import { z } from 'zod'` anywhere in the cold start keeps all of zod's namespace, these
    // converters (which only the OpenAPI document uses) included; `import * as z` lets esbuild
    // keep what is used.
    const wholeNamespaceOnly =
      /node_modules\/zod\/v4\/(core\/json-schema-generator|classic\/from-json-schema)\.js$/;
    expect(coldStartSources().filter((source) => wholeNamespaceOnly.test(source))).toEqual([]);
  },
);
