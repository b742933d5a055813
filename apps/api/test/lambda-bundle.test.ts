/**
 * The API Lambda's cold start compiles what index.mjs imports statically; the AWS compute clients
 * must stay behind import() (ADR 005's lazy backend), loaded on the first request that needs them.
 * Reads the bundle `npm run build` wrote (turbo builds before it tests) and its source maps.
 */
import { existsSync, readFileSync } from 'node:fs';
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

test.skipIf(!existsSync(entry))(
  'the API Lambda loads no SageMaker, IAM, EMR, Translate or Bedrock client at cold start',
  () => {
    const sources = [...staticallyLoaded(entry)].flatMap(
      (file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources,
    );
    const lazyOnly =
      /@aws-sdk\/client-(sagemaker|iam|emr|translate|bedrock|bedrock-runtime|cloudwatch-logs)\/|packages\/aws\/src\/(compute|notebooks|jobs|clusters|translation|bedrock)\b/;
    expect(sources.filter((source) => lazyOnly.test(source))).toEqual([]);
    // What a request needs at once is there: DynamoDB, S3 and the routers.
    expect(sources.some((source) => source.includes('@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(sources.some((source) => source.includes('src/root.ts'))).toBe(true);
  },
);
