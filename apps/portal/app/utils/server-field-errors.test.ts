import { expect, test } from 'vitest';

import { serverFieldProblem } from './server-field-errors';

const refused = {
  message: 'inputs.0.s3Uri: Only the creator may read a private dataset',
  data: {
    fieldErrors: [
      { path: 'inputs.0.s3Uri', message: 'Only the creator may read a private dataset' },
    ],
  },
};

test('a refused storage location is found for its own field, without the field prefix', () => {
  expect(serverFieldProblem(refused, 'inputs.0.s3Uri')).toBe(
    'Only the creator may read a private dataset',
  );
});

test('another field of the same form shows nothing', () => {
  expect(serverFieldProblem(refused, 'outputS3Uri')).toBeNull();
  expect(serverFieldProblem(refused, 'inputs.0')).toBeNull();
});

test('a path ending in a dot matches every field under it', () => {
  expect(serverFieldProblem(refused, 'inputs.')).toBe(
    'Only the creator may read a private dataset',
  );
});

test('errors without field errors (network, no error) show nothing next to fields', () => {
  expect(serverFieldProblem(null, 'outputS3Uri')).toBeNull();
  expect(serverFieldProblem(new Error('offline'), 'outputS3Uri')).toBeNull();
  expect(serverFieldProblem({ data: { fieldErrors: null } }, 'outputS3Uri')).toBeNull();
});
