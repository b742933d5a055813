import { expect, test } from 'vitest';

import { encodeMask, decodeMask, type Annotation, type Box } from './annotations';
import { consolidate, fuseBoxes, intersectionOverUnion, voteMasks } from './consolidation';

const answer = (worker: string, annotation: Annotation) => ({ worker, annotation });
const box = (classId: number, left: number, top: number, width: number, height: number): Box => ({
  classId,
  left,
  top,
  width,
  height,
});

test('the class most workers chose wins, with the share of workers as its confidence', () => {
  const label = consolidate('ImageMultiClass', [
    answer('bob', { kind: 'class', label: 1 }),
    answer('carol', { kind: 'class', label: 2 }),
    answer('dave', { kind: 'class', label: 1 }),
  ]);
  expect(label).toEqual({ kind: 'class', label: 1, confidence: 0.67 });
});

test('a tie between classes goes to the earlier label, so the outcome does not depend on who answered first', () => {
  const first = consolidate('TextMultiClass', [
    answer('bob', { kind: 'class', label: 2 }),
    answer('carol', { kind: 'class', label: 0 }),
  ]);
  const reversed = consolidate('TextMultiClass', [
    answer('carol', { kind: 'class', label: 0 }),
    answer('bob', { kind: 'class', label: 2 }),
  ]);
  expect(first).toEqual({ kind: 'class', label: 0, confidence: 0.5 });
  expect(reversed).toEqual(first);
});

test('multi-label keeps only the classes more than half of the workers chose', () => {
  const label = consolidate('ImageMultiClassMultiLabel', [
    answer('bob', { kind: 'classes', labels: [0, 1] }),
    answer('carol', { kind: 'classes', labels: [1, 2] }),
    answer('dave', { kind: 'classes', labels: [1, 0] }),
  ]);
  expect(label).toEqual({
    kind: 'classes',
    labels: [
      { label: 0, confidence: 0.67 },
      { label: 1, confidence: 1 },
    ],
  });
});

test('overlap is intersection over union, and boxes that only touch do not overlap', () => {
  expect(intersectionOverUnion(box(0, 0, 0, 10, 10), box(0, 0, 0, 10, 10))).toBe(1);
  expect(intersectionOverUnion(box(0, 0, 0, 10, 10), box(0, 5, 0, 10, 10))).toBeCloseTo(1 / 3);
  expect(intersectionOverUnion(box(0, 0, 0, 10, 10), box(0, 10, 0, 10, 10))).toBe(0);
});

test('boxes of the same object from two workers fuse into one box at their average coordinates', () => {
  const fused = fuseBoxes([
    { worker: 'bob', boxes: [box(0, 10, 10, 40, 40), box(1, 100, 100, 20, 20)] },
    { worker: 'carol', boxes: [box(0, 14, 12, 40, 42), box(1, 102, 98, 20, 22)] },
  ]);
  expect(fused).toEqual([
    { classId: 0, left: 12, top: 11, width: 40, height: 41, confidence: 1 },
    { classId: 1, left: 101, top: 99, width: 20, height: 21, confidence: 1 },
  ]);
});

test('a box only one of two workers drew is dropped, since no majority supports it', () => {
  const fused = fuseBoxes([
    { worker: 'bob', boxes: [box(0, 10, 10, 40, 40), box(0, 200, 200, 30, 30)] },
    { worker: 'carol', boxes: [box(0, 12, 10, 40, 40)] },
  ]);
  expect(fused).toEqual([{ classId: 0, left: 11, top: 10, width: 40, height: 40, confidence: 1 }]);
});

test('overlapping boxes of different classes never fuse', () => {
  const fused = fuseBoxes([
    { worker: 'bob', boxes: [box(0, 10, 10, 40, 40)] },
    { worker: 'carol', boxes: [box(1, 10, 10, 40, 40)] },
  ]);
  expect(fused).toEqual([]);
});

test('boxes that overlap less than IoU 0.5 stay separate clusters', () => {
  // IoU of these two is 1/3: each alone is supported by one of two workers, so both are dropped.
  const fused = fuseBoxes([
    { worker: 'bob', boxes: [box(0, 0, 0, 10, 10)] },
    { worker: 'carol', boxes: [box(0, 5, 0, 10, 10)] },
  ]);
  expect(fused).toEqual([]);
});

test('two boxes of one worker never fuse with each other, so one worker cannot outvote the rest', () => {
  const fused = fuseBoxes([
    { worker: 'bob', boxes: [box(0, 0, 0, 20, 20), box(0, 1, 1, 20, 20)] },
    { worker: 'carol', boxes: [] },
    { worker: 'dave', boxes: [] },
  ]);
  expect(fused).toEqual([]);
});

test('with three workers a box two of them drew is kept with confidence two thirds', () => {
  const fused = fuseBoxes([
    { worker: 'bob', boxes: [box(2, 50, 50, 30, 30)] },
    { worker: 'carol', boxes: [box(2, 52, 50, 30, 30)] },
    { worker: 'dave', boxes: [box(2, 0, 0, 5, 5)] },
  ]);
  expect(fused).toEqual([
    { classId: 2, left: 51, top: 50, width: 30, height: 30, confidence: 0.67 },
  ]);
});

test('each pixel of a mask takes the class most workers painted, and a tie is background', () => {
  // 4×1 pixels: bob paints 1 1 2 0, carol 1 2 2 0, dave 1 0 0 2
  const bob = encodeMask(Uint8Array.from([1, 1, 2, 0]), 4, 1);
  const carol = encodeMask(Uint8Array.from([1, 2, 2, 0]), 4, 1);
  const dave = encodeMask(Uint8Array.from([1, 0, 0, 2]), 4, 1);
  const { mask, confidence } = voteMasks([bob, carol, dave]);
  // pixel 1 is a three-way tie (1, 2, 0): background
  expect([...decodeMask(mask)]).toEqual([1, 0, 2, 0]);
  expect(confidence).toEqual({ 1: 1, 0: 0.5, 2: 0.67 });
});

test('two workers painting differently leave the disputed pixels as background', () => {
  const { mask } = voteMasks([
    encodeMask(Uint8Array.from([1, 1, 0]), 3, 1),
    encodeMask(Uint8Array.from([1, 0, 0]), 3, 1),
  ]);
  expect([...decodeMask(mask)]).toEqual([1, 0, 0]);
});

test('entity spans are kept when most workers marked the same span with the same label', () => {
  const label = consolidate('NamedEntityRecognition', [
    answer('bob', {
      kind: 'entities',
      entities: [
        { label: 0, startOffset: 0, endOffset: 5 },
        { label: 1, startOffset: 10, endOffset: 14 },
      ],
    }),
    answer('carol', {
      kind: 'entities',
      entities: [
        { label: 0, startOffset: 0, endOffset: 5 },
        { label: 0, startOffset: 10, endOffset: 14 },
      ],
    }),
  ]);
  expect(label).toEqual({
    kind: 'entities',
    entities: [{ label: 0, startOffset: 0, endOffset: 5, confidence: 1 }],
  });
});

test('an object most workers could not label fails, naming their reasons', () => {
  const label = consolidate('BoundingBox', [
    answer('bob', { kind: 'cannotLabel', reason: 'the image is black' }),
    answer('carol', { kind: 'cannotLabel', reason: 'nothing to see' }),
    answer('dave', { kind: 'boxes', boxes: [] }),
  ]);
  expect(label).toEqual({
    kind: 'failed',
    reason: 'bob: the image is black; carol: nothing to see',
  });
});

test('a minority that could not label is left out and the others are consolidated alone', () => {
  const label = consolidate('ImageMultiClass', [
    answer('bob', { kind: 'cannotLabel', reason: 'blurred' }),
    answer('carol', { kind: 'class', label: 1 }),
    answer('dave', { kind: 'class', label: 1 }),
  ]);
  expect(label).toEqual({ kind: 'class', label: 1, confidence: 1 });
});
