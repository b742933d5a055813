/**
 * The worker templates Ground Truth renders for MLSpace's jobs on AWS when the job brings no
 * custom one: Ground Truth's own crowd elements, one per task type, filled by its pre-annotation
 * functions (`task.input.taskObject`, `task.input.labels`).
 */
import type { LabelingTaskType } from './task-types';

const crowdElements = 'https://assets.crowd.aws/crowd-html-elements.js';

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\{/g, '&#123;')
    .replace(/\}/g, '&#125;');
}

const image = '{{ task.input.taskObject | grant_read_access }}';
const labels = '{{ task.input.labels | to_json | escape }}';

const elements: Record<LabelingTaskType, (header: string) => string> = {
  BoundingBox: (header) =>
    `<crowd-bounding-box name="boundingBox" src="${image}" header="${header}" labels="${labels}">`,
  AdjustmentBoundingBox: (header) =>
    `<crowd-bounding-box name="boundingBox" src="${image}" header="${header}" labels="${labels}" initial-value="{{ task.input.initialValue | to_json | escape }}">`,
  ImageMultiClass: (header) =>
    `<crowd-image-classifier name="crowd-image-classifier" src="${image}" header="${header}" categories="${labels}">`,
  ImageMultiClassMultiLabel: (header) =>
    `<crowd-image-classifier-multi-select name="crowd-image-classifier-multi-select" src="${image}" header="${header}" categories="${labels}">`,
  VerificationBoundingBox: (header) =>
    `<crowd-image-classifier name="crowd-image-classifier" src="${image}" header="${header}" categories="${labels}" overlay="{{ task.input.overlay | to_json | escape }}">`,
  VerificationSemanticSegmentation: (header) =>
    `<crowd-image-classifier name="crowd-image-classifier" src="${image}" header="${header}" categories="${labels}" overlay="{{ task.input.overlay | to_json | escape }}">`,
  SemanticSegmentation: (header) =>
    `<crowd-semantic-segmentation name="crowd-semantic-segmentation" src="${image}" header="${header}" labels="${labels}">`,
  AdjustmentSemanticSegmentation: (header) =>
    `<crowd-semantic-segmentation name="crowd-semantic-segmentation" src="${image}" header="${header}" labels="${labels}" initial-value="{{ task.input.initialValue | to_json | escape }}">`,
  TextMultiClass: (header) =>
    `<crowd-classifier name="crowd-classifier" header="${header}" categories="${labels}"><classification-target>{{ task.input.taskObject }}</classification-target>`,
  TextMultiClassMultiLabel: (header) =>
    `<crowd-classifier-multi-select name="crowd-classifier-multi-select" header="${header}" categories="${labels}"><classification-target>{{ task.input.taskObject }}</classification-target>`,
  NamedEntityRecognition: (header) =>
    `<crowd-entity-annotation name="crowd-entity-annotation" header="${header}" labels="${labels}" text="{{ task.input.taskObject | escape }}">`,
};

const closing: Record<LabelingTaskType, string> = {
  BoundingBox: 'crowd-bounding-box',
  AdjustmentBoundingBox: 'crowd-bounding-box',
  ImageMultiClass: 'crowd-image-classifier',
  ImageMultiClassMultiLabel: 'crowd-image-classifier-multi-select',
  VerificationBoundingBox: 'crowd-image-classifier',
  VerificationSemanticSegmentation: 'crowd-image-classifier',
  SemanticSegmentation: 'crowd-semantic-segmentation',
  AdjustmentSemanticSegmentation: 'crowd-semantic-segmentation',
  TextMultiClass: 'crowd-classifier',
  TextMultiClassMultiLabel: 'crowd-classifier-multi-select',
  NamedEntityRecognition: 'crowd-entity-annotation',
};

/** Instructions are the job creator's text, escaped so Liquid and HTML take them literally. */
export function crowdTemplate(
  taskType: LabelingTaskType,
  shortInstruction: string,
  fullInstruction: string,
): string {
  const header = escapeHtml(shortInstruction);
  return [
    `<script src="${crowdElements}"></script>`,
    '<crowd-form>',
    `  ${elements[taskType](header)}`,
    `    <full-instructions header="Instructions">${escapeHtml(fullInstruction || shortInstruction)}</full-instructions>`,
    `    <short-instructions>${header}</short-instructions>`,
    `  </${closing[taskType]}>`,
    '</crowd-form>',
    '',
  ].join('\n');
}
