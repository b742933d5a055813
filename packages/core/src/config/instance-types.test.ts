import { expect, test } from 'vitest';

import { defaultAppConfig } from './app-config';
import {
  findInstanceType,
  instanceKinds,
  instanceTypeCatalogue,
  instanceTypesFor,
  isInstanceTypeValidFor,
} from './instance-types';

test('the catalogue offers every use a choice of types, each with vCPUs and memory', () => {
  for (const kind of instanceKinds) expect(instanceTypesFor(kind).length).toBeGreaterThan(50);
  for (const type of instanceTypeCatalogue) {
    expect(type.vcpus, type.name).toBeGreaterThan(0);
    expect(type.memoryGiB, type.name).toBeGreaterThan(0);
    expect(type.uses.length, type.name).toBeGreaterThan(0);
  }
});

test('the default configuration offers only types SageMaker accepts for each use', () => {
  const { instanceTypes } = defaultAppConfig('aws');
  for (const kind of instanceKinds)
    for (const name of instanceTypes[kind])
      expect(isInstanceTypeValidFor(kind, name), `${name} for ${kind}`).toBe(true);
});

test('types SageMaker refuses for a use are not valid for it, as its service model says', () => {
  const refused: [(typeof instanceKinds)[number], string][] = [
    ['notebook', 'ml.m5.large'],
    ['notebook', 'ml.c5.large'],
    ['training', 'ml.c5.large'],
    ['training', 'ml.m5d.large'],
    ['transform', 'ml.t3.medium'],
    ['transform', 'ml.c5.large'],
    ['transform', 'ml.r5.large'],
    ['transform', 'ml.p4d.24xlarge'],
    ['endpoint', 'ml.t3.medium'],
  ];
  for (const [kind, name] of refused)
    expect(isInstanceTypeValidFor(kind, name), `${name} for ${kind}`).toBe(false);
  expect(isInstanceTypeValidFor('notebook', 'ml.t3.medium')).toBe(true);
  expect(isInstanceTypeValidFor('endpoint', 'ml.c5.large')).toBe(true);
});

test('GPU types say how many GPUs they have, and other accelerators are not counted as GPUs', () => {
  expect(findInstanceType('ml.g5.12xlarge')).toMatchObject({
    vcpus: 48,
    memoryGiB: 192,
    gpus: 4,
    accelerator: 'NVIDIA A10G',
    family: 'g5',
  });
  expect(findInstanceType('ml.p4d.24xlarge')).toMatchObject({ vcpus: 96, gpus: 8 });
  expect(findInstanceType('ml.inf2.xlarge')).toMatchObject({ gpus: 0, accelerators: 1 });
  expect(findInstanceType('ml.m5.xlarge')).toMatchObject({ vcpus: 4, memoryGiB: 16, gpus: 0 });
});
