/**
 * Consolidation: the answers of several workers for one object become one label, as Ground
 * Truth's annotation-consolidation functions do. Locally these are the consolidation; the rules:
 * - classes and verdicts: the class most workers chose; a tie goes to the earlier label; the
 *   confidence is the share of workers who chose it;
 * - multi-label classes: every class more than half of the workers chose;
 * - boxes: boxes of the same class from different workers whose overlap (IoU) is at least 0.5 form
 *   a cluster; a cluster more than half of the workers support becomes one box with the average
 *   coordinates; the others are dropped;
 * - masks: each pixel takes the class most workers painted it with; a tie is background;
 * - entity spans: a span (same start, end and label) more than half of the workers marked.
 * An object most workers said they could not label fails; the others' answers alone are
 * consolidated otherwise.
 */
import {
  decodeMask,
  encodeMask,
  type Annotation,
  type Box,
  type EntitySpan,
  type Mask,
} from './annotations';
import { labelingTaskTypeInfo, type LabelingTaskType } from './task-types';

export interface WorkerAnswer {
  worker: string;
  annotation: Annotation;
}

export type ConsolidatedLabel =
  | { kind: 'class' | 'verdict'; label: number; confidence: number }
  | { kind: 'classes'; labels: { label: number; confidence: number }[] }
  | { kind: 'boxes'; boxes: (Box & { confidence: number })[] }
  | { kind: 'mask'; mask: Mask; confidence: Record<number, number> }
  | { kind: 'entities'; entities: (EntitySpan & { confidence: number })[] }
  | { kind: 'failed'; reason: string };

/** Box clusters need at least this overlap (intersection over union). */
export const boxFusionIoU = 0.5;

export function consolidate(
  taskType: LabelingTaskType,
  answers: readonly WorkerAnswer[],
): ConsolidatedLabel {
  const refusals = answers.filter((answer) => answer.annotation.kind === 'cannotLabel');
  const labeled = answers.filter((answer) => answer.annotation.kind !== 'cannotLabel');
  if (labeled.length === 0 || refusals.length * 2 > answers.length)
    return {
      kind: 'failed',
      reason: refusals
        .map((answer) =>
          answer.annotation.kind === 'cannotLabel'
            ? `${answer.worker}: ${answer.annotation.reason}`
            : '',
        )
        .join('; '),
    };
  const annotations = labeled.map((answer) => answer.annotation);
  switch (labelingTaskTypeInfo[taskType].shape) {
    case 'class':
      return { kind: 'class', ...majorityClass(annotations.map(single)) };
    case 'verdict':
      return { kind: 'verdict', ...majorityClass(annotations.map(single)) };
    case 'classes':
      return { kind: 'classes', labels: majorityLabels(annotations.map(several)) };
    case 'boxes':
      return { kind: 'boxes', boxes: fuseBoxes(labeled.map(boxesOf)) };
    case 'mask':
      return { kind: 'mask', ...voteMasks(annotations.map(maskOf)) };
    case 'entities':
      return { kind: 'entities', entities: majoritySpans(annotations.map(entitiesOf)) };
  }
}

function single(annotation: Annotation): number {
  if (annotation.kind !== 'class' && annotation.kind !== 'verdict')
    throw new Error(`expected a class, got ${annotation.kind}`);
  return annotation.label;
}
function several(annotation: Annotation): number[] {
  if (annotation.kind !== 'classes') throw new Error(`expected classes, got ${annotation.kind}`);
  return annotation.labels;
}
function boxesOf(answer: WorkerAnswer): { worker: string; boxes: Box[] } {
  if (answer.annotation.kind !== 'boxes')
    throw new Error(`expected boxes, got ${answer.annotation.kind}`);
  return { worker: answer.worker, boxes: answer.annotation.boxes };
}
function maskOf(annotation: Annotation): Mask {
  if (annotation.kind !== 'mask') throw new Error(`expected a mask, got ${annotation.kind}`);
  return annotation.mask;
}
function entitiesOf(annotation: Annotation): EntitySpan[] {
  if (annotation.kind !== 'entities') throw new Error(`expected entities, got ${annotation.kind}`);
  return annotation.entities;
}

function share(votes: number, of: number): number {
  return Math.round((votes / of) * 100) / 100;
}

export function majorityClass(choices: readonly number[]): { label: number; confidence: number } {
  const votes = new Map<number, number>();
  for (const choice of choices) votes.set(choice, (votes.get(choice) ?? 0) + 1);
  const [label, count] = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  return { label, confidence: share(count, choices.length) };
}

export function majorityLabels(
  choices: readonly (readonly number[])[],
): { label: number; confidence: number }[] {
  const votes = new Map<number, number>();
  for (const labels of choices)
    for (const label of new Set(labels)) votes.set(label, (votes.get(label) ?? 0) + 1);
  return [...votes]
    .filter(([, count]) => count * 2 > choices.length)
    .sort((a, b) => a[0] - b[0])
    .map(([label, count]) => ({ label, confidence: share(count, choices.length) }));
}

export function intersectionOverUnion(a: Box, b: Box): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  return intersection / (a.width * a.height + b.width * b.height - intersection);
}

interface Cluster {
  classId: number;
  members: { worker: string; box: Box }[];
}

function mean(cluster: Cluster): Box {
  const average = (pick: (box: Box) => number) =>
    Math.round(
      cluster.members.reduce((sum, member) => sum + pick(member.box), 0) / cluster.members.length,
    );
  return {
    classId: cluster.classId,
    left: average((box) => box.left),
    top: average((box) => box.top),
    width: average((box) => box.width),
    height: average((box) => box.height),
  };
}

/**
 * Each box joins the cluster of its class it overlaps most (IoU against the cluster's average
 * box, at least `boxFusionIoU`) that holds no box of the same worker yet, or starts its own.
 * Larger boxes are placed first, so a small stray box does not capture a cluster.
 */
export function fuseBoxes(
  answers: readonly { worker: string; boxes: readonly Box[] }[],
): (Box & { confidence: number })[] {
  const workers = answers.length;
  const boxes = answers
    .flatMap(({ worker, boxes }) => boxes.map((box) => ({ worker, box })))
    .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  const clusters: Cluster[] = [];
  for (const candidate of boxes) {
    let best: { cluster: Cluster; overlap: number } | null = null;
    for (const cluster of clusters) {
      if (cluster.classId !== candidate.box.classId) continue;
      if (cluster.members.some((member) => member.worker === candidate.worker)) continue;
      const overlap = intersectionOverUnion(mean(cluster), candidate.box);
      if (overlap >= boxFusionIoU && (!best || overlap > best.overlap)) best = { cluster, overlap };
    }
    if (best) best.cluster.members.push(candidate);
    else clusters.push({ classId: candidate.box.classId, members: [candidate] });
  }
  return clusters
    .filter((cluster) => cluster.members.length * 2 > workers)
    .map((cluster) => ({ ...mean(cluster), confidence: share(cluster.members.length, workers) }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Per pixel, the class most masks give it; ties become background (0). */
export function voteMasks(masks: readonly Mask[]): {
  mask: Mask;
  confidence: Record<number, number>;
} {
  const { width, height } = masks[0]!;
  if (masks.some((mask) => mask.width !== width || mask.height !== height))
    throw new Error('masks of one object must have the same size');
  const decoded = masks.map(decodeMask);
  const result = new Uint8Array(width * height);
  const agreement = new Map<number, { sum: number; pixels: number }>();
  const counts = new Map<number, number>();
  for (let pixel = 0; pixel < result.length; pixel += 1) {
    counts.clear();
    for (const mask of decoded) counts.set(mask[pixel]!, (counts.get(mask[pixel]!) ?? 0) + 1);
    let winner = 0;
    let top = 0;
    let tied = false;
    for (const [value, count] of counts) {
      if (count > top) [winner, top, tied] = [value, count, false];
      else if (count === top) tied = true;
    }
    const value = tied ? 0 : winner;
    result[pixel] = value;
    const seen = agreement.get(value) ?? { sum: 0, pixels: 0 };
    seen.sum += (counts.get(value) ?? 0) / masks.length;
    seen.pixels += 1;
    agreement.set(value, seen);
  }
  const confidence: Record<number, number> = {};
  for (const [value, { sum, pixels }] of agreement)
    confidence[value] = Math.round((sum / pixels) * 100) / 100;
  return { mask: encodeMask(result, width, height), confidence };
}

export function majoritySpans(
  answers: readonly (readonly EntitySpan[])[],
): (EntitySpan & { confidence: number })[] {
  const votes = new Map<string, { span: EntitySpan; count: number }>();
  for (const spans of answers) {
    const seen = new Set<string>();
    for (const span of spans) {
      const key = `${span.startOffset}:${span.endOffset}:${span.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const vote = votes.get(key) ?? { span, count: 0 };
      vote.count += 1;
      votes.set(key, vote);
    }
  }
  return [...votes.values()]
    .filter((vote) => vote.count * 2 > answers.length)
    .map((vote) => ({ ...vote.span, confidence: share(vote.count, answers.length) }))
    .sort((a, b) => a.startOffset - b.startOffset);
}
