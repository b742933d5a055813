// `npm run config`: asks the deployment questions and writes infra-tf/config.json.
// Works from a terminal, from piped answers (one per line, EOF keeps the remaining defaults)
// and with --defaults (no questions at all).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ConfigError, configDefaults, deepMerge, parseConfig, type MlspaceConfig } from './config';
import { env } from './env';

type Kind = 'string' | 'boolean' | 'number' | 'list';
interface Question {
  path: string;
  prompt: string;
  kind: Kind;
  /** Only asked when this returns true for the answers so far. */
  when?: (draft: Draft) => boolean;
}
type Draft = Record<string, unknown>;

const basicQuestions: Question[] = [
  { path: 'awsAccount', prompt: 'AWS account id (12 digits)', kind: 'string' },
  { path: 'awsRegion', prompt: 'AWS region', kind: 'string' },
  { path: 'oidcIssuerUrl', prompt: 'OIDC issuer URL (https://...)', kind: 'string' },
  { path: 'oidcClientId', prompt: 'OIDC client id', kind: 'string' },
  {
    path: 'initialAdmins',
    prompt: 'Initial administrators (IdP usernames, comma-separated)',
    kind: 'list',
  },
];

// Gates are pseudo-fields (prefixed with '?') that only steer which questions follow.
const advancedQuestions: Question[] = [
  { path: 'environment', prompt: 'Environment name (part of every resource name)', kind: 'string' },
  {
    path: 'nameSuffix',
    prompt: 'Developer suffix for resource names (empty for none)',
    kind: 'string',
  },
  { path: '?existingVpc', prompt: 'Use an existing VPC?', kind: 'boolean' },
  {
    path: 'network.existingVpcId',
    prompt: 'Existing VPC id',
    kind: 'string',
    when: (d) => gate(d, '?existingVpc'),
  },
  {
    path: 'network.existingPrivateSubnetIds',
    prompt: 'Private subnet ids (comma-separated)',
    kind: 'list',
    when: (d) => gate(d, '?existingVpc'),
  },
  {
    path: 'network.existingSecurityGroupId',
    prompt: 'Security group id for Lambdas and notebooks',
    kind: 'string',
    when: (d) => gate(d, '?existingVpc'),
  },
  {
    path: 'network.vpcCidr',
    prompt: 'VPC CIDR (/16)',
    kind: 'string',
    when: (d) => !gate(d, '?existingVpc'),
  },
  {
    path: 'network.availabilityZones',
    prompt: 'Availability zones (2-3)',
    kind: 'number',
    when: (d) => !gate(d, '?existingVpc'),
  },
  {
    path: 'network.natGateway',
    prompt: 'Create a NAT gateway for internet egress?',
    kind: 'boolean',
    when: (d) => !gate(d, '?existingVpc'),
  },
  { path: '?existingKey', prompt: 'Use an existing KMS key?', kind: 'boolean' },
  {
    path: 'kms.existingKeyArn',
    prompt: 'Existing KMS key ARN',
    kind: 'string',
    when: (d) => gate(d, '?existingKey'),
  },
  {
    path: 'kms.keyManagerRoleName',
    prompt: 'Role name allowed to administer the new key (empty for account root only)',
    kind: 'string',
    when: (d) => !gate(d, '?existingKey'),
  },
  { path: 'iam.manageIamRoles', prompt: 'Create per-project-user IAM roles?', kind: 'boolean' },
  {
    path: 'iam.permissionsBoundaryPolicyName',
    prompt:
      'Permission boundary your organisation requires on every IAM role (policy name; empty for none)',
    kind: 'string',
  },
  { path: '?existingRoles', prompt: 'Use existing IAM roles and policies?', kind: 'boolean' },
  ...(
    [
      ['existingAppRoleArn', 'App role ARN'],
      ['existingSystemRoleArn', 'System jobs role ARN'],
      ['existingNotebookRoleArn', 'Notebook role ARN'],
      ['existingPermissionsBoundaryArn', 'Project-user permission boundary policy ARN'],
    ] as const
  ).map(([field, prompt]): Question => ({
    path: `iam.${field}`,
    prompt: `${prompt} (empty to create it)`,
    kind: 'string',
    when: (d) => gate(d, '?existingRoles'),
  })),
  {
    path: 'newUsersSuspended',
    prompt: 'Suspend new users until an admin reactivates them?',
    kind: 'boolean',
  },
  { path: 'enableAccessLogging', prompt: 'Enable S3 server access logging?', kind: 'boolean' },
  { path: 'createCloudTrail', prompt: 'Create a CloudTrail trail?', kind: 'boolean' },
  { path: 'sweepRateMinutes', prompt: 'Sweep schedule, in minutes', kind: 'number' },
  { path: 'logRetentionDays', prompt: 'Log retention in days', kind: 'number' },
  { path: 'lambda.architecture', prompt: 'Lambda architecture (arm64 or x86_64)', kind: 'string' },
  { path: 'lambda.memoryMb', prompt: 'Lambda memory (MB)', kind: 'number' },
  { path: 'resourcePrefix', prompt: 'Resource name prefix', kind: 'string' },
  { path: 'iamResourcePrefix', prompt: 'IAM name prefix', kind: 'string' },
  { path: 'systemTag', prompt: 'Value of the "system" tag', kind: 'string' },
  { path: '?s3State', prompt: 'Keep Terraform state in S3?', kind: 'boolean' },
  {
    path: 'stateBackend.bucket',
    prompt: 'State bucket (must exist)',
    kind: 'string',
    when: (d) => gate(d, '?s3State'),
  },
  {
    path: 'stateBackend.key',
    prompt: 'State object key',
    kind: 'string',
    when: (d) => gate(d, '?s3State'),
  },
  {
    path: 'stateBackend.useLockfile',
    prompt: 'Lock with an S3 lock file (Terraform/OpenTofu >= 1.10)?',
    kind: 'boolean',
    when: (d) => gate(d, '?s3State'),
  },
  {
    path: 'stateBackend.dynamodbTable',
    prompt: 'DynamoDB lock table (empty for none)',
    kind: 'string',
    when: (d) => gate(d, '?s3State'),
  },
];

const gate = (d: Draft, key: string) => d[key] === true;

function get(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Draft)[k] : undefined), obj);
}

function set(obj: Draft, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let cur = obj;
  for (const k of keys) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Draft;
  }
  cur[last] = value;
}

function parseAnswer(kind: Kind, answer: string): unknown {
  if (kind === 'boolean') return /^(y|yes|true)$/i.test(answer);
  if (kind === 'number') return Number(answer);
  if (kind === 'list')
    return answer
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return answer;
}

function show(kind: Kind, value: unknown): string {
  if (kind === 'boolean') return value === true ? 'Y/n' : 'y/N';
  if (kind === 'list') return Array.isArray(value) ? value.join(',') : '';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * Parses `--set a.b=value` pairs; values of non-string fields are read as JSON (true, 3, ["a"]),
 * and a list field also takes comma-separated items (initialAdmins=alice,bob).
 */
export function parseSets(pairs: string[]): Draft {
  const out: Draft = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`--set expects field=value, got "${pair}"`);
    const path = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    const current = get(configDefaults, path);
    if (Array.isArray(current) && !raw.trimStart().startsWith('[')) {
      value = parseAnswer('list', raw);
    } else if (typeof current !== 'string') {
      try {
        value = JSON.parse(raw);
      } catch {
        // left as a string: the schema then names the field and the expected type
      }
    }
    set(out, path, value);
  }
  return out;
}

export interface WizardOptions {
  input: Readable;
  output: Writable;
  /** Existing config.json contents and --set values; their values are the offered defaults. */
  base?: unknown;
  /** true: ask the advanced questions; undefined: ask whether to. */
  advanced?: boolean;
}

/** Asks the questions and returns the validated configuration. */
export async function runWizard({
  input,
  output,
  base = {},
  advanced,
}: WizardOptions): Promise<MlspaceConfig> {
  const rl = createInterface({ input, output, terminal: false });
  // Created up front: lines that arrive before the first read are buffered, not lost.
  const lines = rl[Symbol.asyncIterator]();
  let ended = false;
  const ask = async (prompt: string): Promise<string | undefined> => {
    output.write(prompt);
    if (ended) return undefined;
    const next = await lines.next();
    if (next.done) {
      ended = true;
      output.write('\n');
      return undefined;
    }
    return next.value.trim();
  };

  const draft = deepMerge(configDefaults, base) as Draft;
  const s3 = get(draft, 'stateBackend.type') === 's3';
  draft['?existingVpc'] = get(draft, 'network.existingVpcId') !== '';
  draft['?existingKey'] = get(draft, 'kms.existingKeyArn') !== '';
  draft['?existingRoles'] = Object.entries(get(draft, 'iam') as Draft).some(
    ([k, v]) => k.startsWith('existing') && v !== '',
  );
  draft['?s3State'] = s3;
  if (!s3)
    draft.stateBackend = {
      ...(draft.stateBackend as Draft),
      key: 'mlspace/terraform.tfstate',
      useLockfile: true,
      dynamodbTable: '',
    };

  const askAll = async (questions: Question[]) => {
    for (const q of questions) {
      if (q.when && !q.when(draft)) continue;
      for (let attempt = 0; ; attempt++) {
        const current = get(draft, q.path);
        const answer = await ask(`${q.prompt} [${show(q.kind, current)}]: `);
        if (answer !== undefined && answer !== '') set(draft, q.path, parseAnswer(q.kind, answer));
        const problem = q.path.startsWith('?') ? undefined : fieldProblem(draft, q.path);
        if (!problem) break;
        output.write(`  ${q.path}: ${problem}\n`);
        if (ended || attempt >= 2) throw new ConfigError([{ field: q.path, message: problem }]);
      }
    }
  };

  try {
    output.write('MLSpace deployment configuration. Basic settings:\n');
    await askAll(basicQuestions);
    const wantAdvanced =
      advanced ?? /^(y|yes)$/i.test((await ask('Configure advanced settings? [y/N]: ')) ?? '');
    if (wantAdvanced) await askAll(advancedQuestions);
  } finally {
    rl.close();
  }
  return finish(draft);
}

function finish(draft: Draft): MlspaceConfig {
  const out: Draft = {};
  for (const [k, v] of Object.entries(draft)) if (!k.startsWith('?')) out[k] = v;
  if (draft['?s3State'] === true) {
    const sb = out.stateBackend as Draft;
    out.stateBackend = {
      type: 's3',
      bucket: sb.bucket ?? '',
      key: sb.key ?? 'mlspace/terraform.tfstate',
      region: sb.region ?? '',
      useLockfile: sb.useLockfile ?? true,
      dynamodbTable: sb.dynamodbTable ?? '',
    };
  } else {
    out.stateBackend = { type: 'local', path: configDefaults.stateBackend.path };
  }
  if (draft['?existingVpc'] !== true) set(out, 'network.existingVpcId', '');
  if (draft['?existingKey'] !== true) set(out, 'kms.existingKeyArn', '');
  return parseConfig(out);
}

function fieldProblem(draft: Draft, path: string): string | undefined {
  try {
    finish(draft);
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.find((i) => i.field === path)?.message;
  }
}

async function cli(argv: string[]): Promise<void> {
  const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const flag = (name: string) => argv.includes(name);
  const valueOf = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (flag('--help')) {
    console.log(
      'Usage: npm run config -- [--defaults] [--advanced] [--set field=value]... [--out file]\n' +
        '  --defaults   ask nothing: existing config.json and --set values over the built-in defaults\n' +
        '  --advanced   ask the advanced questions without confirming first\n' +
        '  --set        preset a field (dotted path, e.g. network.availabilityZones=3;\n' +
        '               a list as items separated by commas, e.g. initialAdmins=alice,bob)\n' +
        '  --out        where to write (default $MLSPACE_INFRA_CONFIG, else infra-tf/config.json)\n' +
        'Answers may be piped, one per line; an empty line or end of input keeps the offered default.',
    );
    return;
  }
  // The same file the synth reads, so MLSPACE_INFRA_CONFIG points both at another configuration.
  const out = resolve(here, valueOf('--out') ?? env.configPath ?? 'config.json');
  const sets = argv.flatMap((a, i) => (argv[i - 1] === '--set' ? [a] : []));
  const existing: unknown = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
  const base = deepMerge(existing, parseSets(sets));

  const config = flag('--defaults')
    ? parseConfig(base)
    : await runWizard({
        input: process.stdin,
        output: process.stdout,
        base,
        advanced: flag('--advanced') || undefined,
      });
  writeFileSync(out, `${JSON.stringify(config, null, 2)}\n`);
  console.log(`Wrote ${out}. Next: npm run infra:synth`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
