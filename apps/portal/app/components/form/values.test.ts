import { expect, test } from 'vitest';

import { parseKeyValueLines, valueAt, withValueAt } from './values';

test('a value set at a list path changes that item only and keeps the list a list', () => {
  const values = {
    inputs: [
      { name: 'train', s3Uri: '' },
      { name: 'validation', s3Uri: '' },
    ],
  };
  const next = withValueAt(values, 'inputs.1.s3Uri', 's3://b/x');
  expect(Array.isArray(next.inputs)).toBe(true);
  expect(next.inputs[1]).toEqual({ name: 'validation', s3Uri: 's3://b/x' });
  expect(next.inputs[0]).toBe(values.inputs[0]);
  expect(values.inputs[1]!.s3Uri).toBe('');
  expect(valueAt(next, 'inputs.1.s3Uri')).toBe('s3://b/x');
  expect(valueAt(next, '')).toBe(next);
});

test('name=value lines become a record, and a line without = is reported by its number', () => {
  expect(parseKeyValueLines('epochs=10\n\n lr = 0.1 ')).toEqual({
    values: { epochs: '10', lr: '0.1' },
    badLine: null,
  });
  expect(parseKeyValueLines('epochs=10\noops').badLine).toBe(2);
});
