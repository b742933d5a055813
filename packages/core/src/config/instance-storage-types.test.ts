import { expect, test } from 'vitest';

import { instanceStorageTypes } from './instance-storage-types';
import { instanceTypeCatalogue } from './instance-types';

test('every instance-storage type is a SageMaker type of the catalogue whose size has local NVMe storage (a misspelt one would make SageMaker refuse the volume key)', () => {
  const known = new Set(instanceTypeCatalogue.map((type) => type.name));
  for (const type of instanceStorageTypes) {
    expect(known.has(type), type).toBe(true);
    // SageMaker's instance-storage families: a `d` after the generation, or g4dn/p3dn.
    expect(type, type).toMatch(/^ml\.([a-z]+\d+[a-z]*d[a-z]*)\./);
  }
});
