import { expect, test } from 'vitest';

import { assertAnnotationFits } from './annotations';
import { assertFileFitsTask, imageSizeOf, parseInputManifest } from './objects';
import { createLabelingJobInputSchema } from './schemas';

test('a PDF is refused for an image task, naming the field and what the task takes', () => {
  expect(() => assertFileFitsTask('report.pdf', 'BoundingBox', 'input.files.0')).toThrow(
    /input\.files\.0: "report\.pdf" is not an image: a Bounding boxes task takes \.jpg, \.jpeg, \.png files/,
  );
  expect(() => assertFileFitsTask('photo.JPG', 'BoundingBox', 'input.files.0')).not.toThrow();
  expect(() => assertFileFitsTask('photo.png', 'TextMultiClass', 'f')).toThrow(/not a text file/);
});

test('the size of a PNG and of a JPEG is read from their headers, and other bytes have none', () => {
  const png = new Uint8Array(33);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  new DataView(png.buffer).setUint32(16, 640);
  new DataView(png.buffer).setUint32(20, 480);
  png[25] = 2;
  expect(imageSizeOf(png)).toEqual({ width: 640, height: 480, depth: 3 });

  // SOI, an APP0 segment of 4 bytes, then SOF0 (height 120, width 200, 3 components)
  const jpeg = Uint8Array.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x78, 0x00,
    0xc8, 0x03,
  ]);
  expect(imageSizeOf(jpeg)).toEqual({ width: 200, height: 120, depth: 3 });
  expect(imageSizeOf(new TextEncoder().encode('%PDF-1.7 not an image'))).toBeNull();
});

test('manifest lines must name an image for image tasks and hold text for text tasks', () => {
  expect(() => parseInputManifest('{"source":"hi"}\n', 'BoundingBox', 'input.file', 10)).toThrow(
    /input\.file: line 1 names no image/,
  );
  expect(() => parseInputManifest('not json', 'TextMultiClass', 'input.file', 10)).toThrow(
    /line 1 is not JSON/,
  );
  expect(() => parseInputManifest('\n\n', 'TextMultiClass', 'input.file', 10)).toThrow(
    /holds no objects/,
  );
  expect(parseInputManifest('{"source":"a"}\n{"source":"b"}\n', 'TextMultiClass', 'f', 10)).toEqual(
    [{ source: 'a' }, { source: 'b' }],
  );
});

const validJob = {
  project: 'alpha',
  name: 'boxes',
  taskType: 'BoundingBox',
  input: { kind: 'files', dataset: 'images', files: ['a.png'] },
  outputDataset: 'labels',
  labels: ['cat'],
  shortInstruction: 'Box every cat',
  workers: ['bob', 'carol'],
  workersPerObject: 2,
  taskTimeLimitSeconds: 300,
};

function issues(input: unknown) {
  const result = createLabelingJobInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

test('a job with an empty label set is refused at labels', () => {
  expect(issues({ ...validJob, labels: [] })).toEqual(['labels: needs at least one label']);
});

test('more workers per object than workers chosen is refused at workersPerObject', () => {
  expect(issues({ ...validJob, workersPerObject: 3 })).toEqual([
    'workersPerObject: must not be more than the 2 workers chosen',
  ]);
});

test('a verification job must run over an earlier job, and a bounding-box job must not', () => {
  expect(issues({ ...validJob, taskType: 'VerificationBoundingBox' })).toEqual([
    "input.kind: a Verify bounding boxes job runs over an earlier Bounding boxes job's output",
  ]);
  expect(issues({ ...validJob, input: { kind: 'job', job: 'earlier' } })).toEqual([
    'input.kind: only verification and adjustment jobs run over an earlier job',
  ]);
  expect(issues(validJob)).toEqual([]);
});

test('an annotation naming a label the job lacks, or a box outside the image, is refused by path', () => {
  expect(() => assertAnnotationFits({ kind: 'class', label: 2 }, 'ImageMultiClass', 2, {})).toThrow(
    /annotation\.label: names label 2, but the job has 2 labels/,
  );
  expect(() =>
    assertAnnotationFits(
      { kind: 'boxes', boxes: [{ classId: 0, left: 50, top: 0, width: 20, height: 10 }] },
      'BoundingBox',
      1,
      { imageSize: { width: 64, height: 64 } },
    ),
  ).toThrow(/annotation\.boxes\.0: reaches outside the 64×64 image/);
  expect(() => assertAnnotationFits({ kind: 'class', label: 0 }, 'BoundingBox', 1, {})).toThrow(
    /annotation\.kind: must be "boxes"/,
  );
});
