import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { sagemakerStateChangeTypes } from '@mlspace/aws';
import { tableLayout } from '@mlspace/db/table';
import { Testing } from 'cdktf';
import { expect, test } from 'vitest';
import { ref, resources, synthesize, type TfJson } from './helpers';

const { json, tf } = synthesize();

type PolicyStatement = {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  condition?: { test: string; variable: string; values: string[] }[];
};

const statements = (doc: TfJson, filter: (s: PolicyStatement) => boolean = () => true) =>
  Object.values(doc.data.aws_iam_policy_document ?? {}).flatMap((d) =>
    (d.statement as PolicyStatement[]).filter(filter),
  );

const bucketKeys = (doc: TfJson) => resources(doc, 'aws_s3_bucket').map(([key]) => key);
const forBucket = (doc: TfJson, type: string, key: string) =>
  resources(doc, type).filter(([, r]) => r.bucket === ref('aws_s3_bucket', key, 'id'));

test('the stack declares the five buckets and a data table', () => {
  expect(bucketKeys(tf)).toHaveLength(5);
  expect(Testing.toHaveResource(json, S3Bucket.tfResourceType)).toBe(true);
  expect(
    Testing.toHaveResourceWithProperties(json, DynamodbTable.tfResourceType, {
      billing_mode: 'PAY_PER_REQUEST',
    }),
  ).toBe(true);
});

test('every bucket is encrypted, KMS everywhere except the access-log target', () => {
  for (const key of bucketKeys(tf)) {
    const [encryption] = forBucket(tf, 'aws_s3_bucket_server_side_encryption_configuration', key);
    expect(encryption, key).toBeDefined();
    const rule = (
      encryption?.[1].rule as { apply_server_side_encryption_by_default: Record<string, string> }[]
    )[0];
    const sse = rule?.apply_server_side_encryption_by_default;
    if (key.includes('access-logs')) {
      expect(sse?.sse_algorithm).toBe('AES256');
    } else {
      expect(sse?.sse_algorithm, key).toBe('aws:kms');
      expect(sse?.kms_master_key_id).toBe(
        ref('aws_kms_key', Object.keys(tf.resource.aws_kms_key ?? {})[0] ?? '', 'arn'),
      );
    }
  }
});

test('every bucket blocks public access and enforces bucket-owner object ownership', () => {
  for (const key of bucketKeys(tf)) {
    const blocks = forBucket(tf, 'aws_s3_bucket_public_access_block', key);
    expect(blocks.map(([, b]) => b)).toEqual([
      expect.objectContaining({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ]);
    expect(forBucket(tf, 'aws_s3_bucket_ownership_controls', key)).toHaveLength(1);
  }
});

test('every bucket policy denies requests without TLS', () => {
  const policies = Object.values(tf.resource.aws_s3_bucket_policy ?? {});
  expect(policies).toHaveLength(5);
  for (const policy of policies) {
    const docKey =
      /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(String(policy.policy))?.[1] ?? '';
    const doc = tf.data.aws_iam_policy_document?.[docKey];
    expect(doc?.statement).toContainEqual(
      expect.objectContaining({
        effect: 'Deny',
        actions: ['s3:*'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      }),
    );
  }
});

test('the table keys, indexes and TTL equal the layout in packages/db', () => {
  const [[, table] = ['', {}]] = resources(tf, 'aws_dynamodb_table');
  expect(table.hash_key).toBe(tableLayout.partitionKey);
  expect(table.range_key).toBe(tableLayout.sortKey);
  expect(table.global_secondary_index).toEqual(
    tableLayout.globalSecondaryIndexes.map((gsi) => ({
      name: gsi.name,
      hash_key: gsi.partitionKey,
      range_key: gsi.sortKey,
      projection_type: 'ALL',
    })),
  );
  const keyAttributes = [
    tableLayout.partitionKey,
    tableLayout.sortKey,
    ...tableLayout.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ];
  expect(table.attribute).toEqual(keyAttributes.map((name) => ({ name, type: 'S' })));
  expect(table.ttl).toEqual({ attribute_name: tableLayout.timeToLiveAttribute, enabled: true });
});

test('the table has point-in-time recovery and customer-key encryption', () => {
  const [[keyKey] = ['']] = resources(tf, 'aws_kms_key');
  expect(
    Testing.toHaveResourceWithProperties(json, DynamodbTable.tfResourceType, {
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: ref('aws_kms_key', keyKey, 'arn') },
    }),
  ).toBe(true);
});

test('no IAM statement allows every action on every resource', () => {
  const all = statements(tf);
  expect(all.length).toBeGreaterThan(20);
  for (const s of all.filter((st) => (st.effect ?? 'Allow') === 'Allow')) {
    expect(s.actions ?? [], s.sid).not.toContain('*');
    expect(s.actions?.some((a) => a === '*') && s.resources?.includes('*'), s.sid).toBeFalsy();
  }
});

test('every IAM policy, role trust and bucket policy comes from a policy document', () => {
  const policyFields = [
    ...Object.values(tf.resource.aws_iam_policy ?? {}).map((p) => p.policy),
    ...Object.values(tf.resource.aws_iam_role ?? {}).map((r) => r.assume_role_policy),
    ...Object.values(tf.resource.aws_s3_bucket_policy ?? {}).map((p) => p.policy),
    ...Object.values(tf.resource.aws_kms_key ?? {}).map((k) => k.policy),
  ];
  for (const field of policyFields)
    expect(field).toMatch(/^\$\{data\.aws_iam_policy_document\.[^.]+\.json\}$/);
});

test("roles may only be passed to SageMaker (the app's workload roles also to Translate, as batch jobs' data-access roles), and the EMR roles to EMR and EC2", () => {
  const passes = statements(tf, (s) => (s.actions ?? []).includes('iam:PassRole'));
  expect(passes.length).toBeGreaterThan(0);
  const services = passes.map((s) => {
    expect(s.resources).not.toContain('*');
    return s.condition?.find((c) => c.variable === 'iam:PassedToService')?.values;
  });
  for (const allowed of services)
    expect([
      ['sagemaker.amazonaws.com'],
      ['sagemaker.amazonaws.com', 'translate.amazonaws.com'],
      ['elasticmapreduce.amazonaws.com'],
      ['ec2.amazonaws.com'],
    ]).toContainEqual(allowed);
});

test('the Lambda functions are wired to the real table, bucket and role names', () => {
  const functions = Object.fromEntries(
    resources(tf, 'aws_lambda_function').map(([, f]) => [f.function_name, f]),
  );
  expect(Object.keys(functions).sort()).toEqual([
    'mlspace-prod-api',
    'mlspace-prod-api-stream',
    'mlspace-prod-events',
    'mlspace-prod-portal',
    'mlspace-prod-sweep',
  ]);
  const bucket = (part: string) => {
    const [[key] = ['']] = resources(tf, 'aws_s3_bucket').filter(
      ([, b]) => b.bucket === `mlspace-prod-${part}-123456789012`,
    );
    return ref('aws_s3_bucket', key, 'bucket');
  };
  const [[tableKey] = ['']] = resources(tf, 'aws_dynamodb_table');
  for (const name of ['mlspace-prod-api', 'mlspace-prod-sweep', 'mlspace-prod-events']) {
    const vars = (functions[name]?.environment as { variables: Record<string, string> }).variables;
    expect(vars).toMatchObject({
      MLSPACE_BACKEND: 'aws',
      DYNAMODB_TABLE: ref('aws_dynamodb_table', tableKey, 'name'),
      DATA_BUCKET: bucket('data'),
      MLSPACE_INITIAL_ADMINS: 'alice',
      OIDC_ISSUER: 'https://idp.example.com/realms/mlspace',
      MLSPACE_PUBLIC_URL: expect.stringMatching(
        /^https:\/\/\$\{aws_cloudfront_distribution\..+\.domain_name\}$/,
      ),
      MLSPACE_PERMISSIONS_BOUNDARY_ARN: expect.stringContaining(
        'aws_iam_policy.identity_project-user-boundary',
      ),
      // The names apps/api/src/env.ts reads for SageMaker and project-user roles.
      MLSPACE_SECURITY_GROUP_IDS: expect.stringContaining('aws_security_group.'),
      MLSPACE_NOTEBOOK_POLICY_ARNS: expect.stringContaining(
        'aws_iam_policy.identity_project-user_',
      ),
      MLSPACE_IAM_ROLE_PREFIX: 'MLSpace-prod-pu',
      MLSPACE_AWS_ACCOUNT_ID: '123456789012',
      MLSPACE_SESSION_SECRET_ARN: expect.stringContaining('aws_secretsmanager_secret.'),
    });
    expect(functions[name]?.vpc_config).toBeDefined();
  }
  const portalVars = (
    functions['mlspace-prod-portal']?.environment as { variables: Record<string, string> }
  ).variables;
  expect(Object.keys(portalVars).sort()).toEqual(['MLSPACE_PUBLIC_URL', 'NODE_OPTIONS']);
});

test('only the API Lambdas (HTTP API and streaming entry: one bundle) are told the OIDC client secret ARN, and only the app role may read that one secret', () => {
  const [[secretKey] = ['']] = resources(tf, 'aws_secretsmanager_secret').filter(
    ([, s]) => s.name === 'mlspace-prod/oidc-client-secret',
  );
  const secretArn = ref('aws_secretsmanager_secret', secretKey, 'arn');
  const [[keyKey] = ['']] = resources(tf, 'aws_kms_key');
  expect(tf.resource.aws_secretsmanager_secret?.[secretKey]?.kms_key_id).toBe(
    ref('aws_kms_key', keyKey, 'arn'),
  );
  // The operator puts the value: Terraform never holds it.
  const versions = resources(tf, 'aws_secretsmanager_secret_version').filter(
    ([, v]) => v.secret_id === ref('aws_secretsmanager_secret', secretKey, 'id'),
  );
  expect(versions).toEqual([]);
  expect(tf.output.oidc_client_secret_arn?.value).toBe(secretArn);

  const variablesOf = (name: string) =>
    (
      resources(tf, 'aws_lambda_function').find(([, f]) => f.function_name === name)?.[1]
        .environment as { variables: Record<string, string> }
    ).variables;
  expect(variablesOf('mlspace-prod-api').OIDC_CLIENT_SECRET_ARN).toBe(secretArn);
  expect(variablesOf('mlspace-prod-api-stream').OIDC_CLIENT_SECRET_ARN).toBe(secretArn);
  for (const name of ['mlspace-prod-sweep', 'mlspace-prod-events', 'mlspace-prod-portal'])
    expect(variablesOf(name).OIDC_CLIENT_SECRET_ARN, name).toBeUndefined();

  const grants = statements(
    tf,
    (s) =>
      (s.actions ?? []).includes('secretsmanager:GetSecretValue') &&
      (s.resources ?? []).includes(secretArn),
  );
  expect(grants).toEqual([
    {
      sid: 'OidcClientSecret',
      effect: 'Allow',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [secretArn],
    },
  ]);
  // No other grant's pattern reaches the client secret.
  const others = statements(
    tf,
    (s) =>
      (s.actions ?? []).some((a) => a.startsWith('secretsmanager:')) &&
      s.sid !== 'OidcClientSecret',
  );
  for (const s of others)
    for (const r of s.resources ?? [])
      expect(r, s.sid).toMatch(/:secret:mlspace-prod\/session-secret-\*$/);
  const [[policyKey] = ['']] = resources(tf, 'aws_iam_policy').filter(
    ([, p]) => p.name === 'MLSpace-prod-api-oidc-client-secret',
  );
  const attachedTo = resources(tf, 'aws_iam_role_policy_attachment')
    .filter(([, a]) => a.policy_arn === ref('aws_iam_policy', policyKey, 'arn'))
    .map(([, a]) => a.role);
  expect(attachedTo).toEqual([expect.stringMatching(/aws_iam_role\.identity_app-role_/)]);
});

test('the API (both its functions) runs on the app role and the jobs on the system role', () => {
  const roleOf = (fn: string) =>
    resources(tf, 'aws_lambda_function').find(([, f]) => f.function_name === fn)?.[1].role;
  expect(roleOf('mlspace-prod-api')).toMatch(/aws_iam_role\.identity_app-role_/);
  expect(roleOf('mlspace-prod-api-stream')).toBe(roleOf('mlspace-prod-api'));
  expect(roleOf('mlspace-prod-sweep')).toMatch(/aws_iam_role\.identity_system-role_/);
  expect(roleOf('mlspace-prod-events')).toMatch(/aws_iam_role\.identity_system-role_/);
  expect(roleOf('mlspace-prod-portal')).toMatch(/aws_iam_role\.identity_portal-role_/);
});

test("CloudFront routes the playground's streamed reply to the api-stream function URL, /api/* and the rest to the HTTP API and /assets/* to S3", () => {
  const [[, dist] = ['', {}]] = resources(tf, 'aws_cloudfront_distribution');
  const ordered = dist.ordered_cache_behavior as {
    path_pattern: string;
    target_origin_id: string;
  }[];
  expect(ordered.map((b) => [b.path_pattern, b.target_origin_id])).toEqual([
    ['/api/trpc/playground.converse*', 'api-stream'],
    ['/api/*', 'http-api'],
    ['/assets/*', 'portal-assets'],
  ]);
  expect((dist.default_cache_behavior as { target_origin_id: string }).target_origin_id).toBe(
    'http-api',
  );
  const routes = resources(tf, 'aws_apigatewayv2_route').map(([, r]) => r.route_key);
  expect(routes.sort()).toEqual(['$default', 'ANY /api/{proxy+}']);
  expect(tf.output.portal_url?.value).toMatch(/^https:\/\/\$\{aws_cloudfront_distribution\./);
});

test('EventBridge sends state changes to the events job and runs the sweep every minute', () => {
  const rules = Object.fromEntries(
    resources(tf, 'aws_cloudwatch_event_rule').map(([, r]) => [r.name, r]),
  );
  expect(rules['mlspace-prod-sweep']?.schedule_expression).toBe('rate(1 minute)');
  const pattern = JSON.parse(String(rules['mlspace-prod-state-changes']?.event_pattern)) as {
    source: string[];
  };
  expect(pattern.source).toContain('aws.sagemaker');
  expect(
    resources(tf, 'aws_lambda_permission')
      .map(([, p]) => p.principal)
      .sort(),
  ).toEqual([
    'apigateway.amazonaws.com',
    'apigateway.amazonaws.com',
    'cloudfront.amazonaws.com',
    'cloudfront.amazonaws.com',
    'events.amazonaws.com',
    'events.amazonaws.com',
  ]);
});

test('the state-change rule subscribes exactly the detail types the events job reads (none it would drop, none it cannot see)', () => {
  const rule = resources(tf, 'aws_cloudwatch_event_rule').find(
    ([, r]) => r.name === 'mlspace-prod-state-changes',
  )?.[1];
  const pattern = JSON.parse(String(rule?.event_pattern)) as { 'detail-type': string[] };
  expect([...pattern['detail-type']].sort()).toEqual([...sagemakerStateChangeTypes].sort());
});

test('the backend is explicit and relative, so the output is the same on every machine', () => {
  expect(tf.terraform.backend).toEqual({
    local: { path: '../../../terraform.mlspace-prod.tfstate' },
  });
  expect(json).not.toContain(process.cwd());
});

test('the synthesized stack matches the snapshot', () => {
  expect(json).toMatchSnapshot();
});

test('existing VPC, key and roles are referenced instead of created', () => {
  const { tf: existing } = synthesize({
    network: {
      existingVpcId: 'vpc-0abc',
      existingPrivateSubnetIds: ['subnet-01', 'subnet-02'],
      existingSecurityGroupId: 'sg-0abc',
    },
    kms: {
      existingKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555',
    },
    iam: {
      existingAppRoleArn: 'arn:aws:iam::123456789012:role/corp-mlspace-app',
      existingSystemRoleArn: 'arn:aws:iam::123456789012:role/corp-mlspace-system',
      existingNotebookRoleArn: 'arn:aws:iam::123456789012:role/corp-mlspace-notebook',
    },
    createCloudTrail: false,
  });
  expect(existing.resource.aws_vpc).toBeUndefined();
  expect(existing.resource.aws_vpc_endpoint).toBeUndefined();
  expect(existing.resource.aws_kms_key).toBeUndefined();
  expect(existing.resource.aws_cloudtrail).toBeUndefined();
  const roles = resources(existing, 'aws_iam_role').map(([, r]) => r.name);
  // EMR's roles are the deployment's own (importing them is not offered yet).
  expect(roles.sort()).toEqual([
    'MLSpace-prod-emr-instance-role',
    'MLSpace-prod-emr-service-role',
    'MLSpace-prod-portal-role',
  ]);
  const api = resources(existing, 'aws_lambda_function').find(
    ([, f]) => f.function_name === 'mlspace-prod-api',
  )?.[1];
  expect(api?.role).toBe('arn:aws:iam::123456789012:role/corp-mlspace-app');
  expect(api?.vpc_config).toEqual({
    subnet_ids: ['subnet-01', 'subnet-02'],
    security_group_ids: ['sg-0abc'],
  });
  expect(api?.kms_key_arn).toBe(
    'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555',
  );
});

test('an S3 state backend locks with use_lockfile', () => {
  const { tf: remote } = synthesize({
    stateBackend: {
      type: 's3',
      bucket: 'corp-tf-state',
      key: 'mlspace/prod.tfstate',
      region: '',
      useLockfile: true,
      dynamodbTable: '',
    },
  });
  expect(remote.terraform.backend).toEqual({
    s3: {
      bucket: 'corp-tf-state',
      key: 'mlspace/prod.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    },
  });
});
