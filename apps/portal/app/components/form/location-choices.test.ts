import { expect, test } from 'vitest';

import { pickedFromUri, uriOf } from './dataset-picker';

const output = 's3://mlspace-data/project/alpha1/training-output';

test('a dataset location with a path reads back as the dataset and the path inside it', () => {
  expect(
    pickedFromUri('s3://mlspace-data/private/alice/datasets/train/part/a.csv', output),
  ).toEqual({
    source: 'private',
    dataset: 's3://mlspace-data/private/alice/datasets/train/',
    path: 'part/a.csv',
  });
  expect(pickedFromUri('s3://mlspace-data/project/alpha1/datasets/d/', output)).toEqual({
    source: 'project',
    dataset: 's3://mlspace-data/project/alpha1/datasets/d/',
    path: '',
  });
});

test("the project's output folder, and a folder under it, read back as the output folder", () => {
  expect(pickedFromUri(output, output)).toEqual({ source: 'output', dataset: '', path: '' });
  expect(pickedFromUri(`${output}/run-1`, output)).toEqual({
    source: 'output',
    dataset: '',
    path: 'run-1',
  });
});

test('a sibling folder that only starts like the output folder is not taken for it', () => {
  expect(pickedFromUri(`${output}2/x`, output)?.source).not.toBe('output');
});

test('a location that is no dataset stays typed text for the API to judge', () => {
  expect(pickedFromUri('s3://elsewhere/x', output)).toEqual({
    source: 'typed',
    dataset: '',
    path: 's3://elsewhere/x',
  });
  expect(pickedFromUri('', output)).toBeNull();
});

test('choices build the canonical location, and no dataset chosen builds none', () => {
  const dataset = 's3://mlspace-data/global/datasets/iris/';
  expect(uriOf({ source: 'global', dataset, path: 'train/' }, output)).toBe(`${dataset}train/`);
  expect(uriOf({ source: 'global', dataset: '', path: 'train/' }, output)).toBe('');
  expect(uriOf({ source: 'output', dataset: '', path: '' }, output)).toBe(output);
  expect(uriOf({ source: 'output', dataset: '', path: 'a' }, output)).toBe(`${output}/a`);
  expect(uriOf({ source: 'none', dataset: dataset, path: 'x' }, output)).toBe('');
});
