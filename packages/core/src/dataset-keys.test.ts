import { expect, test } from 'vitest';

import { assertSafeFileName, datasetFileKey, fileNameInDataset } from './dataset-keys';
import { datasetPrefix } from './datasets';

const prefix = datasetPrefix('private', 'alice', 'faces');

test.each([
  'train.csv',
  'images/cat 01.png',
  'a/b/c/d.parquet',
  'résumé-été.txt',
  '..hidden-but-not-a-segment',
  'file..name.txt',
  '100% real.txt',
  '日本語/データ.csv',
])('%s is a valid file name', (name) => {
  expect(() => assertSafeFileName(name)).not.toThrow();
});

test.each([
  ['', /must not be empty/],
  ['../escape.txt', /\.\. segment/],
  ['a/../../b', /\.\. segment/],
  ['..', /\.\. segment/],
  ['./a', /\. segment/],
  ['/etc/passwd', /must not start with \//],
  ['a//b', /empty path segment/],
  ['folder/', /empty path segment/],
  ['bad\u0000name', /control characters/],
  ['line\nbreak', /control characters/],
  ['tab\there', /control characters/],
  ['..\\windows', /backslashes/],
  ['a\\b', /backslashes/],
  ['%2e%2e/escape', /decodes to a name that must not contain a \.\. segment/],
  ['%2E%2E%2Fescape', /decodes to a name that must not contain a \.\. segment/],
  ['%252e%252e/escape', /decodes to a name that must not contain a \.\. segment/],
  ['%2fetc', /decodes to a name that must not start with \//],
  ['a%5c..%5cb', /decodes to a name that must not contain backslashes/],
  ['a%00b', /decodes to a name that must not contain control characters/],
  ['\uff0e\uff0e/escape', /reads as \. or \//],
  ['\u2024\u2024/escape', /reads as \. or \//],
  ['a\u2215b', /reads as \. or \//],
  ['a\uff0fb', /reads as \. or \//],
])('%j is refused', (name, rule) => {
  expect(() => assertSafeFileName(name)).toThrow(rule);
});

test('a refused name names the field and the rule', () => {
  expect(() => assertSafeFileName('../x', 'files.0.name')).toThrow(
    'files.0.name: "../x" must not contain a .. segment',
  );
});

test('keys are the dataset prefix plus the checked name', () => {
  expect(prefix).toBe('private/alice/datasets/faces/');
  expect(datasetFileKey(prefix, 'a/b.png')).toBe('private/alice/datasets/faces/a/b.png');
  expect(() => datasetFileKey(prefix, '../../bob/datasets/x')).toThrow(/\.\. segment/);
});

test('a key from a client must lie inside the dataset prefix', () => {
  expect(fileNameInDataset(prefix, `${prefix}a/b.png`)).toBe('a/b.png');
  expect(() => fileNameInDataset(prefix, 'private/bob/datasets/faces/a.png')).toThrow(
    /outside this dataset/,
  );
  expect(() => fileNameInDataset(prefix, 'private/alice/datasets/faces-2/a.png')).toThrow(
    /outside this dataset/,
  );
  expect(() => fileNameInDataset(prefix, `${prefix}../faces-2/a.png`)).toThrow(/\.\. segment/);
  expect(() => fileNameInDataset(prefix, `${prefix}%2e%2e/faces-2/a.png`)).toThrow(/decodes to/);
});

test('the layout follows the reference per scope', () => {
  expect(datasetPrefix('global', 'global', 'd1')).toBe('global/datasets/d1/');
  expect(datasetPrefix('project', 'proj1', 'd1')).toBe('project/proj1/datasets/d1/');
  expect(datasetPrefix('private', 'alice', 'd1')).toBe('private/alice/datasets/d1/');
  expect(datasetPrefix('group', 'group', 'd1')).toBe('group/datasets/d1/');
});
