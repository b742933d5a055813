#!/usr/bin/env node
/**
 * Extracts, from AWS's published Smithy service models, the operations MLSpace's AWS backend calls
 * and every shape they reach, with the traits AWS validates (required members, enums, patterns,
 * lengths, ranges), into packages/testing/src/contract/models/<service>.json. The msw fakes check
 * every request the code sends and every answer they give against these files (ADR 014).
 *
 * Usage: node tooling/scripts/extract-service-shapes.mjs --models <models>
 * where <models> is either
 *   - the git dir of aws/api-models-aws (AWS's Smithy JSON models, read at HEAD with `git show`), or
 *   - the `data` directory of an installed botocore (the same models, published by AWS in their
 *     JSON form with every SDK release: `python3 -c 'import botocore,os;print(os.path.dirname(botocore.__file__))'`).
 * Use the newer of the two you can get: the models must be at least as new as the @aws-sdk
 * clients the code uses, or members AWS added since will be refused. Each file's `source` names
 * the repository commit or botocore version it came from.
 *
 * The operations are the `new XCommand(` calls in packages/aws/src and apps/api/src (the tests'
 * own calls included, since they too reach the fakes), attributed to the `@aws-sdk/client-*`
 * package the file imports the command from. Clients whose tests run against a real local
 * implementation (S3 on s3rver, DynamoDB Local) are not extracted. Run it again whenever the code
 * calls a new operation: the contract tests fail until you do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outputDir = path.join(root, 'packages/testing/src/contract/models');
const codeDirs = ['packages/aws/src', 'apps/api/src'];

/** Client packages the tests answer over HTTP with msw: the service (Smithy model folder) and botocore's folder. */
const fakedClients = {
  '@aws-sdk/client-sagemaker': ['sagemaker', 'sagemaker'],
  '@aws-sdk/client-sagemaker-runtime': ['sagemaker-runtime', 'sagemaker-runtime'],
  '@aws-sdk/client-iam': ['iam', 'iam'],
  '@aws-sdk/client-cloudwatch-logs': ['cloudwatch-logs', 'logs'],
  '@aws-sdk/client-secrets-manager': ['secrets-manager', 'secretsmanager'],
  '@aws-sdk/client-translate': ['translate', 'translate'],
  '@aws-sdk/client-bedrock': ['bedrock', 'bedrock'],
  '@aws-sdk/client-bedrock-runtime': ['bedrock-runtime', 'bedrock-runtime'],
  '@aws-sdk/client-emr': ['emr', 'emr'],
  '@aws-sdk/client-sts': ['sts', 'sts'],
};
/**
 * Operations the code does not call with a client but forwards as signed by someone else: a
 * notebook's GetCallerIdentity, which the API sends to STS on its behalf (ADR 020).
 */
const forwardedOperations = { '@aws-sdk/client-sts': ['GetCallerIdentity'] };
/** Client packages whose calls the tests send to a real local implementation instead. */
const locallyServedClients = ['@aws-sdk/client-s3', '@aws-sdk/client-dynamodb'];

const index = process.argv.indexOf('--models');
const models = index >= 0 ? process.argv[index + 1] : undefined;
if (!models)
  throw new Error('missing --models <git dir of aws/api-models-aws, or botocore data dir>');
const fromBotocore = existsSync(path.join(models, 'sagemaker'));

// ---------------------------------------------------------------------------------------------
// The operations the code calls, per client package.
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}
const calledByClient = new Map();
for (const file of codeDirs.flatMap((dir) => sourceFiles(path.join(root, dir)))) {
  const text = readFileSync(file, 'utf8');
  const clientOf = new Map();
  for (const match of text.matchAll(
    /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[\w-]+)'/g,
  )) {
    for (const name of match[1].split(','))
      clientOf.set(name.replace(/^\s*type\s+/, '').trim(), match[2]);
  }
  for (const [, command] of text.matchAll(/new (\w+)Command\(/g)) {
    const client = clientOf.get(`${command}Command`);
    if (!client)
      throw new Error(`${file}: ${command}Command is not imported from an @aws-sdk client`);
    if (locallyServedClients.includes(client)) continue;
    if (!fakedClients[client])
      throw new Error(
        `${file}: calls ${client}, which neither has a fake nor a local implementation here`,
      );
    calledByClient.set(client, (calledByClient.get(client) ?? new Set()).add(command));
  }
}

for (const [client, operations] of Object.entries(forwardedOperations))
  calledByClient.set(client, new Set([...(calledByClient.get(client) ?? []), ...operations]));

// ---------------------------------------------------------------------------------------------
// The shapes those operations reach, with the traits AWS validates.
const prelude = {
  'smithy.api#String': 'string',
  'smithy.api#Boolean': 'boolean',
  'smithy.api#PrimitiveBoolean': 'boolean',
  'smithy.api#Integer': 'integer',
  'smithy.api#PrimitiveInteger': 'integer',
  'smithy.api#Long': 'long',
  'smithy.api#PrimitiveLong': 'long',
  'smithy.api#Float': 'float',
  'smithy.api#Double': 'double',
  'smithy.api#Timestamp': 'timestamp',
  'smithy.api#Blob': 'blob',
  'smithy.api#Document': 'document',
  'smithy.api#Unit': 'structure',
};

/** `length`, `pattern`, `range` as compact members of a shape or member entry. */
function constraints(traits = {}) {
  const out = {};
  const length = traits['smithy.api#length'];
  if (length) out.length = [length.min ?? null, length.max ?? null];
  const range = traits['smithy.api#range'];
  if (range) out.range = [range.min ?? null, range.max ?? null];
  if (traits['smithy.api#pattern']) out.pattern = traits['smithy.api#pattern'];
  return out;
}

function extractSmithy(service, client, operations) {
  const git = (...args) =>
    execFileSync('git', ['--git-dir', models, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const commit = git('rev-parse', 'HEAD').trim();
  const modelFiles = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n');
  const file = modelFiles.find(
    (name) => name.startsWith(`${service}/service/`) && name.endsWith('.json'),
  );
  if (!file) throw new Error(`no model for ${service} in aws/api-models-aws`);
  const model = JSON.parse(git('show', `HEAD:${file}`));
  const [serviceId, serviceShape] = Object.entries(model.shapes).find(
    ([, shape]) => shape.type === 'service',
  );
  const namespace = serviceId.split('#')[0];
  const protocol = Object.keys(serviceShape.traits)
    .find((trait) => trait.startsWith('aws.protocols#'))
    .split('#')[1];
  const short = (id) => (id.startsWith(`${namespace}#`) ? id.slice(namespace.length + 1) : id);
  const shapes = {};
  const reach = (id) => {
    const key = short(id);
    if (key in shapes) return key;
    if (prelude[id]) {
      shapes[key] = { type: prelude[id] };
      return key;
    }
    const shape = model.shapes[id];
    if (!shape) throw new Error(`${service}: no shape ${id}`);
    const entry = { type: shape.type, ...constraints(shape.traits) };
    shapes[key] = entry;
    if (shape.traits?.['smithy.api#enum'])
      entry.enum = shape.traits['smithy.api#enum'].map((value) => value.value);
    if (shape.type === 'enum' || shape.type === 'intEnum') {
      entry.enum = Object.entries(shape.members).map(
        ([name, member]) => member.traits?.['smithy.api#enumValue'] ?? name,
      );
    } else if (shape.type === 'structure' || shape.type === 'union') {
      entry.members = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const traits = member.traits ?? {};
        entry.members[name] = {
          target: reach(member.target),
          ...(traits['smithy.api#required'] ? { required: true } : {}),
          ...constraints(traits),
          ...(traits['smithy.api#httpLabel'] ? { httpLabel: true } : {}),
          ...(traits['smithy.api#httpHeader']
            ? { httpHeader: traits['smithy.api#httpHeader'] }
            : {}),
          ...(traits['smithy.api#httpPayload'] ? { httpPayload: true } : {}),
        };
      }
    } else if (shape.type === 'list' || shape.type === 'set') {
      entry.member = reach(shape.member.target);
      if (shape.traits?.['smithy.api#sparse']) entry.sparse = true;
    } else if (shape.type === 'map') {
      entry.key = reach(shape.key.target);
      entry.value = reach(shape.value.target);
    }
    return key;
  };
  const errorCode = (id) =>
    model.shapes[id]?.traits?.['aws.protocols#awsQueryError']?.code ?? short(id);
  const extracted = {};
  for (const name of [...operations].sort()) {
    const operation = model.shapes[`${namespace}#${name}`];
    if (operation?.type !== 'operation') throw new Error(`${service} has no operation ${name}`);
    extracted[name] = {
      input: reach(operation.input?.target ?? 'smithy.api#Unit'),
      output: reach(operation.output?.target ?? 'smithy.api#Unit'),
      errors: [...(operation.errors ?? []), ...(serviceShape.errors ?? [])].map((error) =>
        errorCode(error.target),
      ),
      ...(operation.traits?.['smithy.api#http']
        ? { http: operation.traits['smithy.api#http'] }
        : {}),
    };
  }
  return {
    source: `aws/api-models-aws@${commit} ${file}, extracted by tooling/scripts/extract-service-shapes.mjs: do not edit`,
    service,
    client,
    protocol,
    targetPrefix: short(serviceId),
    xmlNamespace: serviceShape.traits['smithy.api#xmlNamespace']?.uri ?? null,
    operations: extracted,
    shapes: Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/**
 * botocore's patterns match the whole value, as AWS's services apply them; a Smithy pattern is an
 * ECMA 262 regular expression that may match anywhere. As AWS's own conversion to Smithy does,
 * anchor both ends, except where a `.*` already lets the value go on.
 */
function anchored(pattern) {
  if (pattern.startsWith('^') || pattern.endsWith('$')) return pattern;
  const open = pattern.startsWith('.*');
  const close = pattern.endsWith('.*') && !pattern.endsWith('\\.*');
  const core = pattern.slice(open ? 2 : 0, close ? -2 : undefined);
  if (!core) return '.*';
  return `${open ? '' : '^'}(?:${core})${close ? '' : '$'}`;
}

/** The same extraction from botocore's JSON form of the models. */
function extractBotocore(service, client, operations, folder) {
  const [version] = readdirSync(path.join(models, folder)).sort().reverse();
  const file = path.join(models, folder, version, 'service-2.json.gz');
  const model = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  const botocoreVersion = readFileSync(path.join(models, '..', '__init__.py'), 'utf8').match(
    /__version__ = '([^']+)'/,
  )?.[1];
  const protocols = {
    json: `awsJson${(model.metadata.jsonVersion ?? '1.1').replace('.', '_')}`,
    query: 'awsQuery',
    'rest-json': 'restJson1',
  };
  const bounds = (shape) =>
    shape.min !== undefined || shape.max !== undefined
      ? [shape.min ?? null, shape.max ?? null]
      : undefined;
  const shapes = {};
  const reach = (name) => {
    if (name in shapes) return name;
    const shape = model.shapes[name];
    if (!shape) throw new Error(`${service}: no shape ${name}`);
    const numeric = ['integer', 'long', 'float', 'double'].includes(shape.type);
    const type =
      shape.type === 'structure' && shape.union
        ? 'union'
        : shape.type === 'structure' && shape.document
          ? 'document'
          : shape.enum
            ? 'enum'
            : shape.type;
    const entry = { type };
    shapes[name] = entry;
    if (bounds(shape)) entry[numeric ? 'range' : 'length'] = bounds(shape);
    if (shape.pattern) entry.pattern = anchored(shape.pattern);
    if (shape.enum) entry.enum = shape.enum;
    if (type === 'structure' || type === 'union') {
      entry.members = {};
      for (const [memberName, member] of Object.entries(shape.members ?? {})) {
        entry.members[memberName] = {
          target: reach(member.shape),
          ...(shape.required?.includes(memberName) ? { required: true } : {}),
          ...(member.location === 'uri' ? { httpLabel: true } : {}),
          ...(member.location === 'header' ? { httpHeader: member.locationName } : {}),
          ...(shape.payload === memberName ? { httpPayload: true } : {}),
        };
      }
    } else if (type === 'list') {
      entry.member = reach(shape.member.shape);
    } else if (type === 'map') {
      entry.key = reach(shape.key.shape);
      entry.value = reach(shape.value.shape);
    }
    return name;
  };
  const unit = () => {
    shapes.Unit = { type: 'structure', members: {} };
    return 'Unit';
  };
  const extracted = {};
  for (const name of [...operations].sort()) {
    const operation = model.operations[name];
    if (!operation) throw new Error(`${service} has no operation ${name}`);
    extracted[name] = {
      input: operation.input ? reach(operation.input.shape) : unit(),
      output: operation.output ? reach(operation.output.shape) : unit(),
      errors: (operation.errors ?? []).map(
        (error) => model.shapes[error.shape]?.error?.code ?? error.shape,
      ),
      ...(model.metadata.protocol === 'rest-json'
        ? { http: { method: operation.http.method, uri: operation.http.requestUri } }
        : {}),
    };
  }
  return {
    source: `botocore ${botocoreVersion} data/${folder}/${version}/service-2.json (AWS's service model), extracted by tooling/scripts/extract-service-shapes.mjs: do not edit`,
    service,
    client,
    protocol: protocols[model.metadata.protocol],
    targetPrefix: model.metadata.targetPrefix ?? model.metadata.serviceId,
    xmlNamespace: model.metadata.xmlNamespace ?? null,
    operations: extracted,
    shapes: Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b))),
  };
}

mkdirSync(outputDir, { recursive: true });
const written = [];
for (const [client, operations] of [...calledByClient.entries()].sort()) {
  const [service, folder] = fakedClients[client];
  const target = path.join(outputDir, `${service}.json`);
  const extracted = fromBotocore
    ? extractBotocore(service, client, operations, folder)
    : extractSmithy(service, client, operations);
  writeFileSync(target, `${JSON.stringify(extracted)}\n`);
  written.push(target);
  console.log(`${service}: ${operations.size} operations`);
}
execFileSync('npx', ['prettier', '--write', '--log-level', 'warn', ...written], {
  cwd: root,
  stdio: 'inherit',
});
