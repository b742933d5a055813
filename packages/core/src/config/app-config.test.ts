import { expect, test } from 'vitest';

import { activeServices, appConfigSchema, defaultAppConfig, visibleBanner } from './app-config';
import { parseConfigDocument } from './config-errors';

test('the defaults of both modes are valid configurations', () => {
  expect(appConfigSchema.safeParse(defaultAppConfig('local')).success).toBe(true);
  expect(appConfigSchema.safeParse(defaultAppConfig('aws')).success).toBe(true);
});

test('local mode starts with the AWS-only services deactivated', () => {
  const services = defaultAppConfig('local').services;
  expect(services).toMatchObject({
    emr: false,
    labeling: false,
    translate: false,
    bedrock: false,
    notebooks: true,
    datasets: true,
  });
});

test('a service activated in the document stays inactive where it is unavailable', () => {
  const config = defaultAppConfig('aws');
  expect(activeServices(config, 'local').emr).toBe(false);
  expect(activeServices(config, 'aws').emr).toBe(true);
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
    /ml.nope.large is not in the instance-type catalogue/,
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
