/**
 * What a worker submits for one object, per annotation shape, and the checks that tie it to the
 * job (its labels) and the object (the image's size, the text's length). Classes are indexes into
 * the job's labels, as Ground Truth's `class_id` and class maps are.
 */
import * as z from 'zod';

import { ValidationError } from '../errors';
import { labelingTaskTypeInfo, type LabelingTaskType } from './task-types';

const index = z.number().int().min(0);
const pixel = z.number().int().min(0).max(100_000);

export const boxSchema = z.object({
  classId: index,
  left: pixel,
  top: pixel,
  width: pixel.min(1, 'must be at least 1 pixel'),
  height: pixel.min(1, 'must be at least 1 pixel'),
});
export type Box = z.infer<typeof boxSchema>;

export const entitySchema = z.object({
  label: index,
  startOffset: z.number().int().min(0),
  endOffset: z.number().int().min(1),
});
export type EntitySpan = z.infer<typeof entitySchema>;

/**
 * A mask as runs over the image's pixels in row order: `[value, length, value, length, …]`, where
 * value 0 is the background and value i + 1 is the job's label i (Ground Truth's colour map).
 */
export const maskSchema = z.object({
  width: z.number().int().min(1).max(8192),
  height: z.number().int().min(1).max(8192),
  runs: z.array(z.number().int().min(0)).max(2_000_000),
});
export type Mask = z.infer<typeof maskSchema>;

export const annotationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('class'), label: index }),
  z.object({ kind: z.literal('classes'), labels: z.array(index).max(100) }),
  z.object({ kind: z.literal('boxes'), boxes: z.array(boxSchema).max(500) }),
  z.object({ kind: z.literal('mask'), mask: maskSchema }),
  z.object({ kind: z.literal('entities'), entities: z.array(entitySchema).max(1000) }),
  z.object({ kind: z.literal('verdict'), label: index }),
  /** The object cannot be labeled (broken image, unreadable text): counts towards failing it. */
  z.object({
    kind: z.literal('cannotLabel'),
    reason: z.string().trim().min(1, 'say why').max(500),
  }),
]);
export type Annotation = z.infer<typeof annotationSchema>;

/** What the object is, as far as the checks need it. */
export interface AnnotatedObjectFacts {
  imageSize?: { width: number; height: number };
  textLength?: number;
}

/**
 * Refuses an annotation that does not fit the task type, names a label the job does not have, or
 * reaches outside the object; the error names the path inside the annotation.
 */
export function assertAnnotationFits(
  annotation: Annotation,
  taskType: LabelingTaskType,
  labelCount: number,
  object: AnnotatedObjectFacts,
  field = 'annotation',
): void {
  if (annotation.kind === 'cannotLabel') return;
  const shape = labelingTaskTypeInfo[taskType].shape;
  if (annotation.kind !== shape)
    throw new ValidationError(
      `${field}.kind`,
      `must be ${JSON.stringify(shape)} for a ${labelingTaskTypeInfo[taskType].label} task`,
    );
  const label = (value: number, path: string) => {
    if (value >= labelCount)
      throw new ValidationError(
        `${field}.${path}`,
        `names label ${value}, but the job has ${labelCount} label${labelCount === 1 ? '' : 's'}`,
      );
  };
  switch (annotation.kind) {
    case 'class':
    case 'verdict':
      label(annotation.label, 'label');
      return;
    case 'classes':
      annotation.labels.forEach((value, at) => label(value, `labels.${at}`));
      if (new Set(annotation.labels).size !== annotation.labels.length)
        throw new ValidationError(`${field}.labels`, 'names a label twice');
      return;
    case 'boxes':
      annotation.boxes.forEach((box, at) => {
        label(box.classId, `boxes.${at}.classId`);
        const size = object.imageSize;
        if (size && (box.left + box.width > size.width || box.top + box.height > size.height))
          throw new ValidationError(
            `${field}.boxes.${at}`,
            `reaches outside the ${size.width}×${size.height} image`,
          );
      });
      return;
    case 'mask':
      assertMaskFits(annotation.mask, labelCount, object, `${field}.mask`);
      return;
    case 'entities':
      annotation.entities.forEach((entity, at) => {
        label(entity.label, `entities.${at}.label`);
        if (entity.endOffset <= entity.startOffset)
          throw new ValidationError(`${field}.entities.${at}`, 'must end after it starts');
        if (object.textLength !== undefined && entity.endOffset > object.textLength)
          throw new ValidationError(
            `${field}.entities.${at}`,
            `ends after the text's ${object.textLength} characters`,
          );
      });
      return;
  }
}

function assertMaskFits(
  mask: Mask,
  labelCount: number,
  object: AnnotatedObjectFacts,
  field: string,
): void {
  const size = object.imageSize;
  if (size && (mask.width !== size.width || mask.height !== size.height))
    throw new ValidationError(
      field,
      `is ${mask.width}×${mask.height} but the image is ${size.width}×${size.height}`,
    );
  if (mask.runs.length % 2 !== 0)
    throw new ValidationError(`${field}.runs`, 'must alternate values and lengths');
  let pixels = 0;
  for (let at = 0; at < mask.runs.length; at += 2) {
    if (mask.runs[at]! > labelCount)
      throw new ValidationError(`${field}.runs.${at}`, `names a class the job does not have`);
    pixels += mask.runs[at + 1]!;
  }
  if (pixels !== mask.width * mask.height)
    throw new ValidationError(
      `${field}.runs`,
      `cover ${pixels} pixels, but the mask has ${mask.width * mask.height}`,
    );
}

/** The mask's class per pixel, in row order. */
export function decodeMask(mask: Mask): Uint8Array {
  const pixels = new Uint8Array(mask.width * mask.height);
  let offset = 0;
  for (let at = 0; at < mask.runs.length; at += 2) {
    const length = mask.runs[at + 1]!;
    pixels.fill(mask.runs[at]!, offset, offset + length);
    offset += length;
  }
  return pixels;
}

export function encodeMask(pixels: Uint8Array, width: number, height: number): Mask {
  const runs: number[] = [];
  for (let at = 0; at < pixels.length;) {
    const value = pixels[at]!;
    let end = at + 1;
    while (end < pixels.length && pixels[end] === value) end += 1;
    runs.push(value, end - at);
    at = end;
  }
  return { width, height, runs };
}
