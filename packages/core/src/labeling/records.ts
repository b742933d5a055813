import type { Annotation } from './annotations';
import type { ConsolidatedLabel } from './consolidation';
import type { ImageSize, ManifestLine } from './objects';

/** One object of a local labeling job, as the registry returns it. */
export interface LabelingObjectRecord {
  job: string;
  /** The object's place in the input manifest, from 0. */
  index: number;
  line: ManifestLine;
  imageSize: ImageSize | null;
  textLength: number | null;
  workers: string[];
  answered: number;
  state: 'pending' | 'labeled' | 'failed';
  label: ConsolidatedLabel | null;
  labeledAt: string | null;
  maskKey: string | null;
}

/** One worker's task: an object assigned to them, answered or not. */
export interface LabelingAssignmentRecord {
  job: string;
  worker: string;
  index: number;
  openedAt: string | null;
  answer: Annotation | null;
  answeredAt: string | null;
}

export interface LabelingTallies {
  total: number;
  labeled: number;
  failed: number;
  /** Per worker: objects assigned and answered. */
  workers: { worker: string; assigned: number; answered: number }[];
}

/** What a new local job writes per object. */
export interface NewLabelingObject {
  line: ManifestLine;
  imageSize?: ImageSize;
  textLength?: number;
  workers: string[];
}
