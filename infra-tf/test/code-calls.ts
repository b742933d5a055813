// The AWS calls a Lambda's code makes, derived from its source: every `new <Name>Command(` of an
// @aws-sdk client, in the files its entry reaches through imports (apps/api/src and, through
// `@mlspace/aws`, packages/aws/src). A presigned URL is made from the same `new <Name>Command(`,
// so it counts as the operation it presigns.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Workspace packages whose source is walked; the others make no AWS calls a Lambda role grants. */
const followedPackages: Record<string, string> = {
  '@mlspace/aws': 'packages/aws/src/index.ts',
};

/** The IAM service prefix of each SDK package the code uses. */
const servicePrefix: Record<string, string> = {
  '@aws-sdk/client-sagemaker': 'sagemaker',
  '@aws-sdk/client-sagemaker-runtime': 'sagemaker',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-cloudwatch-logs': 'logs',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-emr': 'elasticmapreduce',
  '@aws-sdk/client-translate': 'translate',
  '@aws-sdk/client-bedrock': 'bedrock',
  '@aws-sdk/client-bedrock-runtime': 'bedrock',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
};

/** Operations whose IAM action has another name. */
const actionOf: Record<string, Record<string, string>> = {
  s3: {
    // Multipart uploads are authorized as s3:PutObject, their listing and abort separately.
    CreateMultipartUpload: 'PutObject',
    UploadPart: 'PutObject',
    UploadPartCopy: 'PutObject',
    CompleteMultipartUpload: 'PutObject',
    ListParts: 'ListMultipartUploadParts',
    HeadObject: 'GetObject',
    DeleteObjects: 'DeleteObject',
    ListObjectsV2: 'ListBucket',
    ListObjects: 'ListBucket',
    HeadBucket: 'ListBucket',
  },
  // Bedrock authorizes its conversation calls as the invoke actions on the model.
  bedrock: {
    Converse: 'InvokeModel',
    ConverseStream: 'InvokeModelWithResponseStream',
  },
  // lib-dynamodb's document commands drop the `Item` of the API operation.
  dynamodb: {
    Get: 'GetItem',
    Put: 'PutItem',
    Update: 'UpdateItem',
    Delete: 'DeleteItem',
    BatchGet: 'BatchGetItem',
    BatchWrite: 'BatchWriteItem',
    TransactGet: 'TransactGetItems',
    TransactWrite: 'TransactWriteItems',
  },
};

export interface Call {
  action: string;
  /** Where the command is constructed, relative to the repository. */
  at: string;
}

function resolveImport(fromFile: string, specifier: string): string | undefined {
  if (specifier in followedPackages) return join(repoRoot, followedPackages[specifier]!);
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
    (candidate) => existsSync(candidate) && candidate.match(/\.tsx?$/),
  );
}

/** Value imports and re-exports (`import type` and `export type` carry no code). */
function importedModules(source: string): string[] {
  const specifiers: string[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(statement)) if (!m[2]) specifiers.push(m[4]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) specifiers.push(m[1]!);
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(m[1]!);
  return specifiers;
}

/** `XCommand` (or `X as Y`) names imported from each SDK package in one file. */
function sdkCommandImports(source: string): Map<string, { pkg: string; operation: string }> {
  const names = new Map<string, { pkg: string; operation: string }>();
  const statement = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](@aws-sdk\/[^'"]+)['"]/g;
  for (const [, list, pkg] of source.matchAll(statement)) {
    for (const item of list!.split(',')) {
      const [imported, local] = item
        .replace(/^\s*type\s+/, '')
        .split(/\s+as\s+/)
        .map((s) => s.trim());
      const operation = /^(\w+)Command$/.exec(imported ?? '')?.[1];
      if (operation) names.set(local ?? imported!, { pkg: pkg!, operation });
    }
  }
  return names;
}

/** The files an entry reaches, following value imports within the walked sources. */
export function reachableFiles(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [resolve(repoRoot, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importedModules(readFileSync(file, 'utf8'))) {
      const next = resolveImport(file, specifier);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return [...seen];
}

/** Every AWS call in the files an entry reaches, as IAM actions. */
export function awsCallsFrom(entry: string): Call[] {
  const calls: Call[] = [];
  for (const file of reachableFiles(entry)) {
    const source = readFileSync(file, 'utf8');
    const commands = sdkCommandImports(source);
    for (const m of source.matchAll(/new\s+(\w+)\s*\(/g)) {
      const command = commands.get(m[1]!);
      if (!command) continue;
      const prefix = servicePrefix[command.pkg];
      if (!prefix)
        throw new Error(`Add ${command.pkg} to servicePrefix in test/code-calls.ts (IAM prefix)`);
      const action = actionOf[prefix]?.[command.operation] ?? command.operation;
      const line = source.slice(0, m.index).split('\n').length;
      calls.push({ action: `${prefix}:${action}`, at: `${relative(repoRoot, file)}:${line}` });
    }
  }
  return calls;
}
