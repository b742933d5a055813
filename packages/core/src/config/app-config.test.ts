import { expect, test } from 'vitest';

import {
  activeServices,
  appConfigSchema,
  configFromStoredDocument,
  defaultAppConfig,
  serviceUnavailableReason,
  visibleBanner,
} from './app-config';
import { parseConfigDocument } from './config-errors';

test('the defaults of both modes are valid configurations', () => {
  expect(appConfigSchema.safeParse(defaultAppConfig('local')).success).toBe(true);
  expect(appConfigSchema.safeParse(defaultAppConfig('aws')).success).toBe(true);
});

test('local mode starts with the AWS-only services deactivated', () => {
  const services = defaultAppConfig('local').services;
  expect(services).toMatchObject({
    bedrock: false,
    notebooks: true,
    datasets: true,
  });
});

test('local mode offers labeling, because MLSpace itself is the labeling tool there', () => {
  expect(defaultAppConfig('local').services.labeling).toBe(true);
  expect(serviceUnavailableReason('labeling', 'local')).toBeNull();
});

test('local mode offers translation, because Apertium translates there', () => {
  expect(defaultAppConfig('local').services.translate).toBe(true);
  expect(serviceUnavailableReason('translate', 'local')).toBeNull();
});

test('a service activated in the document stays inactive where it is unavailable', () => {
  const config = defaultAppConfig('aws');
  expect(activeServices(config, 'local').bedrock).toBe(false);
  expect(activeServices(config, 'aws').bedrock).toBe(true);
});

test('an import names the path of every problem', () => {
  const document = defaultAppConfig('local') as unknown as Record<string, Record<string, unknown>>;
  const broken = {
    ...document,
    instanceTypes: { ...document.instanceTypes, notebook: ['ml.t3.medium', 'ml.nope.large'] },
    banner: { ...document.banner, textColor: 'red' },
    extra: true,
  };
  const { problems } = parseConfigDocument({ version: 3, config: broken });
  expect(problems.map((problem) => problem.path).sort()).toEqual([
    '(document)',
    'banner.textColor',
    'instanceTypes.notebook.1',
  ]);
  expect(problems.find((problem) => problem.path === 'instanceTypes.notebook.1')?.message).toMatch(
    /ml.nope.large is not a SageMaker instance type/,
  );
});

test('the banner is hidden when disabled or empty', () => {
  const config = defaultAppConfig('local');
  expect(visibleBanner(config)).toBeNull();
  expect(
    visibleBanner({
      ...config,
      banner: { ...config.banner, enabled: true, text: 'Maintenance at 5pm' },
    }),
  ).toMatchObject({ text: 'Maintenance at 5pm' });
});

test('an instance type SageMaker refuses for that use is refused, naming the list and the use', () => {
  const config = defaultAppConfig('aws');
  const result = appConfigSchema.safeParse({
    ...config,
    instanceTypes: { ...config.instanceTypes, notebook: ['ml.t3.medium', 'ml.m5.large'] },
  });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]).toMatchObject({
    path: ['instanceTypes', 'notebook', 1],
    message: 'ml.m5.large is not offered by SageMaker for notebook instances',
  });
});

test('an allowed image repository must be an ECR repository', () => {
  const config = defaultAppConfig('aws');
  const parse = (allowedImageRepositories: string[]) =>
    appConfigSchema.safeParse({ ...config, allowedImageRepositories });
  expect(parse(['123456789012.dkr.ecr.us-east-1.amazonaws.com/team/trainer']).success).toBe(true);
  expect(parse(['123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/team/*']).success).toBe(true);
  const dockerHub = parse(['docker.io/library/python']);
  expect(dockerHub.error?.issues[0]?.path).toEqual(['allowedImageRepositories', 0]);
  expect(dockerHub.error?.issues[0]?.message).toMatch(/must be an ECR repository/);
});

test('a stored version from an older catalogue loses the types SageMaker refuses for their use', () => {
  const config = defaultAppConfig('local');
  const { allowedImageRepositories: _dropped, ...olderDocument } = config;
  const stored = {
    ...olderDocument,
    instanceTypes: {
      ...config.instanceTypes,
      notebook: ['ml.t3.medium', 'ml.m5.large', 'ml.c5.large'],
      endpoint: ['ml.t3.medium', 'ml.m5.large'],
    },
  };
  const read = configFromStoredDocument(stored, 'local');
  expect(read.instanceTypes.notebook).toEqual(['ml.t3.medium']);
  expect(read.instanceTypes.endpoint).toEqual(['ml.m5.large']);
  expect(read.allowedImageRepositories).toEqual([]);
  expect(appConfigSchema.safeParse(read).success).toBe(true);
});
