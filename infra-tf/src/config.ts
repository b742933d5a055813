// Deployment configuration: defaults in code, `config.json` merged over them, one zod schema.
import { z } from 'zod';

const arnOrEmpty = z
  .string()
  .regex(/^(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+)?$/, 'must be an ARN or empty');
const name = (pattern: RegExp, rule: string) => z.string().regex(pattern, rule);

const bundleSchema = z
  .object({
    dir: z.string().min(1, 'must name the bundle folder'),
    handler: name(
      /^[\w./-]+\.[A-Za-z_$][\w$]*$/,
      'must look like <file>.<export>, e.g. index.handler',
    ),
  })
  .strict();

const localBackendSchema = z
  .object({
    type: z.literal('local'),
    path: z.string().min(1),
  })
  .strict();

const s3BackendSchema = z
  .object({
    type: z.literal('s3'),
    bucket: name(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    key: z.string().min(1),
    region: z.string().default(''),
    // S3-native locking (Terraform >= 1.10, OpenTofu >= 1.10); a lock table for older binaries.
    useLockfile: z.boolean(),
    dynamodbTable: z.string(),
  })
  .strict();

export const configSchema = z
  .object({
    awsAccount: name(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    awsRegion: name(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1'),
    oidcIssuerUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
    oidcClientId: z.string().min(1, 'must not be empty'),
    environment: name(
      /^[a-z][a-z0-9]{0,11}$/,
      'must be 1-12 lowercase letters or digits, starting with a letter',
    ),
    nameSuffix: name(/^[a-z0-9]{0,8}$/, 'must be up to 8 lowercase letters or digits'),
    resourcePrefix: name(
      /^[a-z][a-z0-9-]{1,15}$/,
      'must be 2-16 lowercase letters, digits or dashes',
    ),
    iamResourcePrefix: name(
      /^[A-Za-z][A-Za-z0-9]{1,15}$/,
      'must be 2-16 letters or digits, starting with a letter',
    ),
    systemTag: z.string().min(1),
    // No default: on AWS nobody is an administrator unless the operator names them here.
    initialAdmins: z
      .array(z.string().trim().min(1, 'must not be empty'))
      .min(1, 'must name at least one administrator (their IdP username)'),
    network: z
      .object({
        existingVpcId: name(/^(vpc-[0-9a-f]+)?$/, 'must be a VPC id (vpc-...) or empty'),
        existingPrivateSubnetIds: z.array(
          name(/^subnet-[0-9a-f]+$/, 'must be a subnet id (subnet-...)'),
        ),
        existingSecurityGroupId: name(
          /^(sg-[0-9a-f]+)?$/,
          'must be a security group id (sg-...) or empty',
        ),
        vpcCidr: name(
          /^\d{1,3}(\.\d{1,3}){3}\/16$/,
          'must be an IPv4 /16 CIDR such as 10.0.0.0/16',
        ),
        availabilityZones: z.number().int().min(2).max(3),
        natGateway: z.boolean(),
      })
      .strict(),
    kms: z
      .object({
        existingKeyArn: arnOrEmpty,
        keyManagerRoleName: z.string(),
      })
      .strict(),
    iam: z
      .object({
        manageIamRoles: z.boolean(),
        existingAppRoleArn: arnOrEmpty,
        existingSystemRoleArn: arnOrEmpty,
        existingNotebookRoleArn: arnOrEmpty,
        existingPermissionsBoundaryArn: arnOrEmpty,
        // An organisation-mandated boundary put on every role the deployment and the app create.
        permissionsBoundaryPolicyName: name(
          /^([\w+=,.@-]{1,128})?$/,
          'must be an IAM policy name or empty',
        ),
      })
      .strict(),
    newUsersSuspended: z.boolean(),
    enableAccessLogging: z.boolean(),
    createCloudTrail: z.boolean(),
    sweepRateMinutes: z.number().int().min(1).max(60),
    logRetentionDays: z.union(
      [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653].map((d) =>
        z.literal(d),
      ),
      { error: 'must be a CloudWatch Logs retention value such as 30 or 365' },
    ),
    lambda: z
      .object({
        architecture: z.enum(['arm64', 'x86_64']),
        runtime: z.enum(['nodejs20.x', 'nodejs22.x']),
        memoryMb: z.number().int().min(128).max(10240),
      })
      .strict(),
    additionalLambdaEnvironment: z.record(
      name(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an env var name'),
      z.string(),
    ),
    bundles: z
      .object({
        api: bundleSchema,
        portalServer: bundleSchema,
        sweepJob: bundleSchema,
        eventsJob: bundleSchema,
        portalAssetsDir: z.string().min(1),
        // 'fail' keeps operators from deploying a stub; 'placeholder' lets infra be planned before the apps build.
        whenMissing: z.enum(['fail', 'placeholder']),
      })
      .strict(),
    stateBackend: z.discriminatedUnion('type', [localBackendSchema, s3BackendSchema]),
    tags: z.record(z.string(), z.string()),
  })
  .strict()
  .superRefine((c, ctx) => {
    const net = c.network;
    if (net.existingVpcId !== '') {
      if (net.existingPrivateSubnetIds.length < 2)
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'existingPrivateSubnetIds'],
          message: 'must list at least two private subnets when existingVpcId is set',
        });
      if (net.existingSecurityGroupId === '')
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'existingSecurityGroupId'],
          message: 'is required when existingVpcId is set',
        });
    }
    if (
      c.stateBackend.type === 's3' &&
      !c.stateBackend.useLockfile &&
      c.stateBackend.dynamodbTable === ''
    )
      ctx.addIssue({
        code: 'custom',
        path: ['stateBackend', 'useLockfile'],
        message: 'state locking is required: set useLockfile to true or name a dynamodbTable',
      });
  });

export type MlspaceConfig = z.infer<typeof configSchema>;

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
export type PartialConfig = DeepPartial<MlspaceConfig>;

/** Everything except the Basic answers, which have no sensible default. */
export const configDefaults = {
  awsAccount: '',
  awsRegion: 'us-east-1',
  oidcIssuerUrl: '',
  oidcClientId: '',
  environment: 'prod',
  nameSuffix: '',
  resourcePrefix: 'mlspace',
  iamResourcePrefix: 'MLSpace',
  systemTag: 'MLSpace',
  initialAdmins: [],
  network: {
    existingVpcId: '',
    existingPrivateSubnetIds: [],
    existingSecurityGroupId: '',
    vpcCidr: '10.0.0.0/16',
    availabilityZones: 2,
    natGateway: true,
  },
  kms: { existingKeyArn: '', keyManagerRoleName: '' },
  iam: {
    manageIamRoles: true,
    existingAppRoleArn: '',
    existingSystemRoleArn: '',
    existingNotebookRoleArn: '',
    existingPermissionsBoundaryArn: '',
    permissionsBoundaryPolicyName: '',
  },
  newUsersSuspended: false,
  enableAccessLogging: true,
  createCloudTrail: true,
  sweepRateMinutes: 1,
  logRetentionDays: 90,
  lambda: { architecture: 'arm64', runtime: 'nodejs22.x', memoryMb: 1024 },
  additionalLambdaEnvironment: {},
  bundles: {
    api: { dir: '../apps/api/dist/lambda', handler: 'index.handler' },
    portalServer: { dir: '../apps/portal/build/lambda', handler: 'index.handler' },
    sweepJob: { dir: '../apps/api/dist/jobs/sweep', handler: 'index.handler' },
    eventsJob: { dir: '../apps/api/dist/jobs/events', handler: 'index.handler' },
    portalAssetsDir: '../apps/portal/build/client',
    whenMissing: 'fail',
  },
  // A relative path keeps the synthesized JSON free of this machine's absolute paths.
  stateBackend: { type: 'local', path: '../../../terraform.{stack}.tfstate' },
  tags: {},
} satisfies Omit<MlspaceConfig, 'logRetentionDays'> & { logRetentionDays: number };

export class ConfigError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(
      `Invalid infra-tf configuration:\n${issues.map((i) => `  - ${i.field}: ${i.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and scalars from `over` replace those in `base`. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** Merges `input` over the defaults and validates; a ConfigError names every bad field. */
export function parseConfig(input: unknown): MlspaceConfig {
  const merged = deepMerge(configDefaults, input ?? {}) as Record<string, unknown>;
  // The backend is a tagged union: a new type replaces the default's fields instead of merging with them.
  const state = isPlainObject(input) ? input.stateBackend : undefined;
  if (isPlainObject(state) && state.type === 's3')
    merged.stateBackend = { region: '', useLockfile: true, dynamodbTable: '', ...state };
  const result = configSchema.safeParse(merged);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(root)',
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown field(s) ${issue.keys.join(', ')}`
          : issue.message,
    })),
  );
}
