/**
 * The augmented manifest Ground Truth writes: each input line with the label attribute and its
 * `-metadata`, in Ground Truth's own format per task type, so that training jobs and later labeling
 * jobs read a local job's output as they read one from AWS.
 */
import type { ConsolidatedLabel } from './consolidation';
import type { ImageSize, ManifestLine } from './objects';
import { labelAttributeName, labelingTaskTypeInfo, type LabelingTaskType } from './task-types';

/** Segmentation colours, class 0 (background) first, as the worker's brush shows them. */
export const segmentationColours = [
  '#ffffff',
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
] as const;

export function segmentationColour(value: number): string {
  if (value === 0) return segmentationColours[0];
  return segmentationColours[1 + ((value - 1) % (segmentationColours.length - 1))]!;
}

export interface OutputJob {
  name: string;
  taskType: LabelingTaskType;
  labels: readonly string[];
}

export interface OutputObject {
  line: ManifestLine;
  label: ConsolidatedLabel;
  /** When the object's label was consolidated (ISO 8601). */
  labeledAt: string;
  imageSize?: ImageSize;
  /** Segmentation: where the consolidated mask (PNG) was written. */
  maskUri?: string;
}

/** Ground Truth writes creation dates without a zone or milliseconds. */
function creationDate(at: string): string {
  return at.replace(/\.\d+Z$/, '').replace(/Z$/, '');
}

function classMap(labels: readonly string[], used: Iterable<number>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of [...new Set(used)].sort((a, b) => a - b))
    map[String(value)] = labels[value] ?? '';
  return map;
}

/** One output line: the input line, plus the label attribute and its metadata. */
export function outputManifestLine(job: OutputJob, object: OutputObject): ManifestLine {
  const attribute = labelAttributeName(job.name, job.taskType);
  const common = {
    'job-name': `labeling-job/${job.name}`,
    'human-annotated': 'yes',
    'creation-date': creationDate(object.labeledAt),
    type: labelingTaskTypeInfo[job.taskType].outputType,
  };
  const { label } = object;
  const labeled = (value: unknown, metadata: Record<string, unknown>): ManifestLine => ({
    ...object.line,
    [attribute]: value,
    [`${attribute}-metadata`]: { ...metadata, ...common },
  });
  switch (label.kind) {
    case 'failed':
      return {
        ...object.line,
        [`${attribute}-metadata`]: { 'failure-reason': label.reason, ...common },
      };
    case 'class':
    case 'verdict':
      return labeled(label.label, {
        'class-name': job.labels[label.label],
        confidence: label.confidence,
      });
    case 'classes':
      return labeled(
        label.labels.map((entry) => entry.label),
        {
          'class-map': classMap(
            job.labels,
            label.labels.map((entry) => entry.label),
          ),
          'confidence-map': Object.fromEntries(
            label.labels.map((entry) => [String(entry.label), entry.confidence]),
          ),
        },
      );
    case 'boxes': {
      const size = object.imageSize;
      return labeled(
        {
          annotations: label.boxes.map((box) => ({
            class_id: box.classId,
            left: box.left,
            top: box.top,
            width: box.width,
            height: box.height,
          })),
          image_size: size ? [{ width: size.width, height: size.height, depth: size.depth }] : [],
        },
        {
          objects: label.boxes.map((box) => ({ confidence: box.confidence })),
          'class-map': classMap(
            job.labels,
            label.boxes.map((box) => box.classId),
          ),
        },
      );
    }
    case 'mask':
      return labeled(object.maskUri, {
        'internal-color-map': Object.fromEntries(
          Object.entries(label.confidence).map(([value, confidence]) => [
            value,
            {
              'class-name': value === '0' ? 'BACKGROUND' : job.labels[Number(value) - 1],
              'hex-color': segmentationColour(Number(value)),
              confidence,
            },
          ]),
        ),
      });
    case 'entities':
      return labeled(
        {
          annotations: {
            entities: label.entities.map((entity) => ({
              label: job.labels[entity.label],
              startOffset: entity.startOffset,
              endOffset: entity.endOffset,
            })),
            labels: job.labels.map((name) => ({ label: name })),
          },
        },
        { entities: label.entities.map((entity) => ({ confidence: entity.confidence })) },
      );
  }
}

/** The whole manifest: one JSON line per object, in the input's order. */
export function outputManifest(job: OutputJob, objects: readonly OutputObject[]): string {
  return objects.map((object) => JSON.stringify(outputManifestLine(job, object))).join('\n') + '\n';
}
