import { expect, test } from 'vitest';

import { encodeMask } from './annotations';
import { outputManifest, outputManifestLine } from './output-manifest';

const labeledAt = '2026-12-01T04:00:00.123Z';

test('a bounding-box line has annotations with class_id, left, top, width and height, the image size and a class map', () => {
  const line = outputManifestLine(
    { name: 'boxes1', taskType: 'BoundingBox', labels: ['cat', 'dog'] },
    {
      line: { 'source-ref': 's3://data/project/p/datasets/d/a.png' },
      label: {
        kind: 'boxes',
        boxes: [{ classId: 1, left: 10, top: 20, width: 30, height: 40, confidence: 1 }],
      },
      labeledAt,
      imageSize: { width: 64, height: 48, depth: 3 },
    },
  );
  expect(line).toEqual({
    'source-ref': 's3://data/project/p/datasets/d/a.png',
    boxes1: {
      annotations: [{ class_id: 1, left: 10, top: 20, width: 30, height: 40 }],
      image_size: [{ width: 64, height: 48, depth: 3 }],
    },
    'boxes1-metadata': {
      objects: [{ confidence: 1 }],
      'class-map': { '1': 'dog' },
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': '2026-12-01T04:00:00',
      'job-name': 'labeling-job/boxes1',
    },
  });
});

test('an image classification line holds the class index and names it in the metadata', () => {
  const line = outputManifestLine(
    { name: 'pets', taskType: 'ImageMultiClass', labels: ['cat', 'dog'] },
    {
      line: { 'source-ref': 's3://b/x.jpg' },
      label: { kind: 'class', label: 0, confidence: 0.67 },
      labeledAt,
    },
  );
  expect(line.pets).toBe(0);
  expect(line['pets-metadata']).toMatchObject({
    'class-name': 'cat',
    confidence: 0.67,
    type: 'groundtruth/image-classification',
  });
});

test('a segmentation line references the mask under a -ref attribute with the internal colour map', () => {
  const line = outputManifestLine(
    { name: 'roads', taskType: 'SemanticSegmentation', labels: ['road', 'car'] },
    {
      line: { 'source-ref': 's3://b/street.png' },
      label: {
        kind: 'mask',
        mask: encodeMask(Uint8Array.from([0, 1, 2]), 3, 1),
        confidence: { 0: 1, 1: 0.5, 2: 1 },
      },
      labeledAt,
      maskUri: 's3://b/out/roads/annotations/consolidated-annotation/output/0.png',
    },
  );
  expect(line['roads-ref']).toBe(
    's3://b/out/roads/annotations/consolidated-annotation/output/0.png',
  );
  expect(line['roads-ref-metadata']).toMatchObject({
    'internal-color-map': {
      '0': { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 1 },
      '1': { 'class-name': 'road', 'hex-color': '#1f77b4', confidence: 0.5 },
      '2': { 'class-name': 'car', 'hex-color': '#ff7f0e', confidence: 1 },
    },
    type: 'groundtruth/semantic-segmentation',
  });
});

test('named entities are written as Ground Truth text spans with the label names', () => {
  const line = outputManifestLine(
    { name: 'ner', taskType: 'NamedEntityRecognition', labels: ['person', 'place'] },
    {
      line: { source: 'Ada lives in Paris' },
      label: {
        kind: 'entities',
        entities: [{ label: 1, startOffset: 13, endOffset: 18, confidence: 1 }],
      },
      labeledAt,
    },
  );
  expect(line.ner).toEqual({
    annotations: {
      entities: [{ label: 'place', startOffset: 13, endOffset: 18 }],
      labels: [{ label: 'person' }, { label: 'place' }],
    },
  });
  expect(line['ner-metadata']).toMatchObject({
    entities: [{ confidence: 1 }],
    type: 'groundtruth/text-span',
  });
});

test('multi-label lines list the class indexes with class and confidence maps', () => {
  const line = outputManifestLine(
    { name: 'tags', taskType: 'TextMultiClassMultiLabel', labels: ['a', 'b', 'c'] },
    {
      line: { source: 'text' },
      label: {
        kind: 'classes',
        labels: [
          { label: 0, confidence: 1 },
          { label: 2, confidence: 0.67 },
        ],
      },
      labeledAt,
    },
  );
  expect(line.tags).toEqual([0, 2]);
  expect(line['tags-metadata']).toMatchObject({
    'class-map': { '0': 'a', '2': 'c' },
    'confidence-map': { '0': 1, '2': 0.67 },
    type: 'groundtruth/text-classification-multilabel',
  });
});

test('a failed object keeps its input line and says why in the metadata, with no label', () => {
  const line = outputManifestLine(
    { name: 'pets', taskType: 'ImageMultiClass', labels: ['cat'] },
    {
      line: { 'source-ref': 's3://b/x.jpg' },
      label: { kind: 'failed', reason: 'broken' },
      labeledAt,
    },
  );
  expect(line).not.toHaveProperty('pets');
  expect(line['pets-metadata']).toMatchObject({ 'failure-reason': 'broken' });
});

test('the manifest is one JSON object per line, in the order given', () => {
  const text = outputManifest({ name: 'j', taskType: 'TextMultiClass', labels: ['x'] }, [
    { line: { source: 'one' }, label: { kind: 'class', label: 0, confidence: 1 }, labeledAt },
    { line: { source: 'two' }, label: { kind: 'class', label: 0, confidence: 1 }, labeledAt },
  ]);
  const lines = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { source: string });
  expect(lines.map((line) => line.source)).toEqual(['one', 'two']);
});
