/**
 * The labeling task types, named as Ground Truth names its built-in ones so the AWS backend passes
 * them through and both backends write the same output.
 */
export const labelingTaskTypes = [
  'ImageMultiClass',
  'ImageMultiClassMultiLabel',
  'BoundingBox',
  'SemanticSegmentation',
  'TextMultiClass',
  'TextMultiClassMultiLabel',
  'NamedEntityRecognition',
  'VerificationBoundingBox',
  'VerificationSemanticSegmentation',
  'AdjustmentBoundingBox',
  'AdjustmentSemanticSegmentation',
] as const;
export type LabelingTaskType = (typeof labelingTaskTypes)[number];

/** What a worker answers: the shape of one annotation, shared by several task types. */
export type AnnotationShape =
  | 'class'
  | 'classes'
  | 'boxes'
  | 'mask'
  | 'entities'
  /** A verdict on a previous job's label, one of this job's labels ("Correct", "Wrong box"). */
  | 'verdict';

export interface LabelingTaskTypeInfo {
  label: string;
  media: 'image' | 'text';
  shape: AnnotationShape;
  /** The `type` Ground Truth writes into the label's metadata. */
  outputType: string;
  /** Verification and adjustment jobs run over the output of a job of this task type. */
  reviews?: 'BoundingBox' | 'SemanticSegmentation';
}

export const labelingTaskTypeInfo: Record<LabelingTaskType, LabelingTaskTypeInfo> = {
  ImageMultiClass: {
    label: 'Image classification (single label)',
    media: 'image',
    shape: 'class',
    outputType: 'groundtruth/image-classification',
  },
  ImageMultiClassMultiLabel: {
    label: 'Image classification (multi-label)',
    media: 'image',
    shape: 'classes',
    outputType: 'groundtruth/image-classification-multilabel',
  },
  BoundingBox: {
    label: 'Bounding boxes',
    media: 'image',
    shape: 'boxes',
    outputType: 'groundtruth/object-detection',
  },
  SemanticSegmentation: {
    label: 'Semantic segmentation',
    media: 'image',
    shape: 'mask',
    outputType: 'groundtruth/semantic-segmentation',
  },
  TextMultiClass: {
    label: 'Text classification (single label)',
    media: 'text',
    shape: 'class',
    outputType: 'groundtruth/text-classification',
  },
  TextMultiClassMultiLabel: {
    label: 'Text classification (multi-label)',
    media: 'text',
    shape: 'classes',
    outputType: 'groundtruth/text-classification-multilabel',
  },
  NamedEntityRecognition: {
    label: 'Named entities',
    media: 'text',
    shape: 'entities',
    outputType: 'groundtruth/text-span',
  },
  VerificationBoundingBox: {
    label: 'Verify bounding boxes',
    media: 'image',
    shape: 'verdict',
    outputType: 'groundtruth/label-verification',
    reviews: 'BoundingBox',
  },
  VerificationSemanticSegmentation: {
    label: 'Verify segmentation masks',
    media: 'image',
    shape: 'verdict',
    outputType: 'groundtruth/label-verification',
    reviews: 'SemanticSegmentation',
  },
  AdjustmentBoundingBox: {
    label: 'Adjust bounding boxes',
    media: 'image',
    shape: 'boxes',
    outputType: 'groundtruth/object-detection',
    reviews: 'BoundingBox',
  },
  AdjustmentSemanticSegmentation: {
    label: 'Adjust segmentation masks',
    media: 'image',
    shape: 'mask',
    outputType: 'groundtruth/semantic-segmentation',
    reviews: 'SemanticSegmentation',
  },
};

/** Segmentation outputs are references to a mask file; Ground Truth requires the `-ref` suffix then. */
export function labelAttributeName(job: string, taskType: LabelingTaskType): string {
  return labelingTaskTypeInfo[taskType].shape === 'mask' ? `${job}-ref` : job;
}

/** SageMaker's statuses for labeling jobs. */
export const labelingJobStatuses = [
  'Initializing',
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped',
] as const;
export type LabelingJobStatus = (typeof labelingJobStatuses)[number];
