import { describe, expect, test } from 'vitest';

import { ValidationError } from './errors';
import { resolveStorageLocation } from './storage-locations';

const bucket = 'mlspace-data';
const resolve = (uri: string) => resolveStorageLocation(uri, bucket, 'inputs.0.s3Uri');

function refusal(uri: string): ValidationError {
  try {
    resolve(uri);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`${uri} was accepted`);
}

describe('datasets', () => {
  test('a project dataset resolves to its scope, project, name and the path inside it', () => {
    expect(resolve(`s3://${bucket}/project/vision/datasets/cats/train/part-1.csv`)).toEqual({
      kind: 'dataset',
      dataset: { scope: 'project', scopeId: 'vision', name: 'cats' },
      path: 'train/part-1.csv',
      key: 'project/vision/datasets/cats/train/part-1.csv',
      uri: `s3://${bucket}/project/vision/datasets/cats/train/part-1.csv`,
    });
  });

  test('private, global and group datasets resolve to their scope', () => {
    expect(resolve(`s3://${bucket}/private/alice/datasets/notes/`)).toMatchObject({
      dataset: { scope: 'private', scopeId: 'alice', name: 'notes' },
      path: '',
    });
    expect(resolve(`s3://${bucket}/global/datasets/iris/iris.csv`)).toMatchObject({
      dataset: { scope: 'global', scopeId: 'global', name: 'iris' },
      path: 'iris.csv',
    });
    expect(resolve(`s3://${bucket}/group/datasets/shared/a/`)).toMatchObject({
      dataset: { scope: 'group', scopeId: 'group', name: 'shared' },
      path: 'a/',
    });
  });

  test('a dataset named without a trailing slash is widened to the folder, so dataset a never reaches dataset ab', () => {
    const location = resolve(`s3://${bucket}/private/alice/datasets/a`);
    expect(location.key).toBe('private/alice/datasets/a/');
    expect(location.uri).toBe(`s3://${bucket}/private/alice/datasets/a/`);
  });

  test('datasets/ without a dataset name is refused', () => {
    expect(refusal(`s3://${bucket}/project/vision/datasets/`).message).toBe(
      'inputs.0.s3Uri: names no dataset; add the dataset name after datasets/',
    );
    expect(refusal(`s3://${bucket}/project/vision/datasets`).message).toMatch(/names no dataset/);
  });

  test('a dataset name outside the naming rule is refused', () => {
    expect(refusal(`s3://${bucket}/global/datasets/a_b/x`).message).toMatch(
      /"a_b" is not a dataset name/,
    );
  });
});

describe("a project's output area", () => {
  test('a folder under the project other than datasets is the output area', () => {
    expect(resolve(`s3://${bucket}/project/vision/training-output`)).toEqual({
      kind: 'projectOutput',
      project: 'vision',
      folder: 'training-output',
      key: 'project/vision/training-output/',
      uri: `s3://${bucket}/project/vision/training-output/`,
    });
    expect(
      resolve(`s3://${bucket}/project/vision/training-output/job1/output/model.tar.gz`),
    ).toMatchObject({
      kind: 'projectOutput',
      key: 'project/vision/training-output/job1/output/model.tar.gz',
    });
  });

  test("an output folder named by a prefix of datasets does not reach the project's datasets", () => {
    expect(resolve(`s3://${bucket}/project/vision/d`).key).toBe('project/vision/d/');
  });

  test('the project folder itself is refused (it holds the datasets too)', () => {
    expect(refusal(`s3://${bucket}/project/vision/`).message).toMatch(
      /is not inside a dataset or a project's output folder/,
    );
    expect(refusal(`s3://${bucket}/project/vision`).message).toMatch(/not inside a dataset/);
  });
});

describe('refusals', () => {
  test('another bucket is refused with the field and the rule', () => {
    const error = refusal('s3://other-bucket/project/vision/datasets/cats/');
    expect(error.field).toBe('inputs.0.s3Uri');
    expect(error.message).toBe(
      'inputs.0.s3Uri: must be in the data bucket mlspace-data; "other-bucket" is another bucket',
    );
  });

  test('a bucket whose name starts with the data bucket is another bucket', () => {
    expect(refusal(`s3://${bucket}-copy/global/datasets/iris/`).message).toMatch(/another bucket/);
  });

  test('the bucket root is refused', () => {
    for (const uri of [`s3://${bucket}`, `s3://${bucket}/`])
      expect(refusal(uri).message).toMatch(/names the whole bucket/);
  });

  test('an unknown prefix is refused', () => {
    for (const uri of [
      `s3://${bucket}/reports/2026.csv`,
      `s3://${bucket}/private/alice/notes.txt`,
      `s3://${bucket}/global/other/x`,
      `s3://${bucket}/.mlspace/jobs/x`,
    ])
      expect(refusal(uri).message).toMatch(/not inside a dataset|must not contain/);
  });

  test('a training job in project B cannot climb out of its own dataset with ..', () => {
    expect(
      refusal(`s3://${bucket}/project/B/datasets/x/../../../private/alice/datasets/secret/`)
        .message,
    ).toMatch(/must not contain a \.\. segment/);
  });

  test('percent-encoded and double-encoded traversal is refused', () => {
    expect(
      refusal(`s3://${bucket}/project/B/datasets/x/%2e%2e/%2e%2e/%2e%2e/private/alice/datasets/s/`)
        .message,
    ).toMatch(/decodes to a name that must not contain a \.\. segment/);
    expect(refusal(`s3://${bucket}/project/B/datasets/x/%252e%252e/y`).message).toMatch(
      /decodes to a name/,
    );
  });

  test('. segments, empty segments, backslashes and Unicode look-alikes are refused', () => {
    expect(refusal(`s3://${bucket}/project/B/datasets/x/./y`).message).toMatch(/\. segment/);
    expect(refusal(`s3://${bucket}/project/B//datasets/x/y`).message).toMatch(/empty path segment/);
    expect(refusal(`s3://${bucket}/project/B/datasets/x\\..\\y`).message).toMatch(/backslashes/);
    expect(refusal(`s3://${bucket}/project/B/datasets/x/\u2025/y`).message).toMatch(/reads as/);
    expect(refusal(`s3://${bucket}/project/B/datasets/x\u2215..\u2215y`).message).toMatch(
      /reads as/,
    );
  });

  test('a URI that is not s3:// is refused', () => {
    expect(refusal(`https://${bucket}.s3.amazonaws.com/global/datasets/iris/`).message).toMatch(
      /must be an S3 URI/,
    );
  });

  test('a project or user segment outside its naming rule is refused', () => {
    expect(refusal(`s3://${bucket}/project/a-b/datasets/x/`).message).toMatch(/not a project name/);
    expect(refusal(`s3://${bucket}/private/Alice/datasets/x/`).message).toMatch(/not a username/);
  });
});
