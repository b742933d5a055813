/**
 * The objects a job labels: which files fit a task type (by name and by their first bytes), the
 * size of an image read from its header, and the input manifest's lines.
 */
import { ValidationError } from '../errors';
import { labelingTaskTypeInfo, type LabelingTaskType } from './task-types';

const extensions = {
  image: ['.jpg', '.jpeg', '.png'],
  text: ['.txt'],
} as const;

/** Refuses a file whose name does not fit the task type's media (a PDF for an image task). */
export function assertFileFitsTask(fileName: string, taskType: LabelingTaskType, field: string) {
  const media = labelingTaskTypeInfo[taskType].media;
  const lower = fileName.toLowerCase();
  if (!extensions[media].some((extension) => lower.endsWith(extension)))
    throw new ValidationError(
      field,
      `${JSON.stringify(fileName)} is not ${media === 'image' ? 'an image' : 'a text file'}: a ${labelingTaskTypeInfo[taskType].label} task takes ${extensions[media].join(', ')} files`,
    );
}

export interface ImageSize {
  width: number;
  height: number;
  /** Colour channels, as Ground Truth's `image_size.depth`. */
  depth: number;
}

/**
 * The size of a PNG or JPEG from its first bytes (64 KiB hold a JPEG's frame header in practice),
 * or null when the bytes are neither: a file named .png that is not one is refused by the caller.
 */
export function imageSizeOf(bytes: Uint8Array): ImageSize | null {
  if (bytes.length >= 26 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const colourType = bytes[25];
    const depth = colourType === 0 ? 1 : colourType === 4 ? 2 : colourType === 6 ? 4 : 3;
    return { width: view.getUint32(16), height: view.getUint32(20), depth };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
  return null;
}

function jpegSize(bytes: Uint8Array): ImageSize | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame)
      return {
        height: (bytes[at + 5]! << 8) | bytes[at + 6]!,
        width: (bytes[at + 7]! << 8) | bytes[at + 8]!,
        depth: bytes[at + 9]!,
      };
    at += 2 + length;
  }
  return null;
}

/** One line of an input manifest: `source-ref` (an S3 object) or `source` (text), and whatever else. */
export type ManifestLine = Record<string, unknown> & { 'source-ref'?: string; source?: string };

/** Ground Truth's own limit on a text object; larger ones are refused rather than cut. */
export const maxTextObjectBytes = 100_000;

/**
 * Parses a manifest (JSON lines) and checks that each line names what the task type labels: an
 * image by `source-ref`, a text by `source` or `source-ref`.
 */
export function parseInputManifest(
  text: string,
  taskType: LabelingTaskType,
  field: string,
  maxObjects: number,
): ManifestLine[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new ValidationError(field, 'the manifest holds no objects');
  if (lines.length > maxObjects)
    throw new ValidationError(
      field,
      `the manifest holds ${lines.length} objects; a job labels at most ${maxObjects}`,
    );
  const media = labelingTaskTypeInfo[taskType].media;
  return lines.map((line, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new ValidationError(field, `line ${index + 1} is not JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new ValidationError(field, `line ${index + 1} is not a JSON object`);
    const entry = parsed as ManifestLine;
    const ref = entry['source-ref'];
    const source = entry.source;
    if (ref !== undefined && typeof ref !== 'string')
      throw new ValidationError(field, `line ${index + 1}: source-ref must be a string`);
    if (source !== undefined && typeof source !== 'string')
      throw new ValidationError(field, `line ${index + 1}: source must be a string`);
    if (media === 'image' && ref === undefined)
      throw new ValidationError(field, `line ${index + 1} names no image (source-ref)`);
    if (media === 'text' && ref === undefined && source === undefined)
      throw new ValidationError(field, `line ${index + 1} holds no text (source or source-ref)`);
    if (source !== undefined && new TextEncoder().encode(source).length > maxTextObjectBytes)
      throw new ValidationError(
        field,
        `line ${index + 1}: the text is longer than ${maxTextObjectBytes} bytes`,
      );
    return entry;
  });
}
