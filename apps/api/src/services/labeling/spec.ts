/**
 * What a labeling job's record keeps in its `spec`: the job as created, with every location
 * derived on the server (ADR 015). Read back by the local labeling tool and the job page.
 */
import type { LabelingInput, LabelingTaskType, ResourceRecord } from '@mlspace/core';

export interface LabelingJobSpec {
  taskType: LabelingTaskType;
  labels: string[];
  shortInstruction: string;
  fullInstruction: string;
  workers: string[];
  workersPerObject: number;
  taskTimeLimitSeconds: number;
  input: LabelingInput;
  outputDataset: string;
  /** Keys in the data bucket: the output dataset's prefix, the job's input and output manifests. */
  outputPrefix: string;
  inputManifestKey: string;
  outputManifestKey: string;
  labelAttributeName: string;
  /** The custom worker template's key, when the job has one. */
  templateKey: string | null;
  /** What Ground Truth reads: the label category file and the worker template (custom or built in). */
  labelsKey: string;
  crowdTemplateKey: string;
  /** Verification and adjustment: the job reviewed, its label attribute, task type and labels. */
  reviewed: {
    job: string;
    attribute: string;
    taskType: LabelingTaskType;
    labels: string[];
  } | null;
}

export function labelingSpecOf(record: ResourceRecord): LabelingJobSpec {
  return record.spec as unknown as LabelingJobSpec;
}

/** Where a job writes under its output dataset, as Ground Truth lays out `<output>/<job>/`. */
export function jobKeys(outputPrefix: string, job: string) {
  const root = `${outputPrefix}${job}/`;
  return {
    inputManifest: `${root}manifests/input/input.manifest`,
    outputManifest: `${root}manifests/output/output.manifest`,
    template: `${root}annotation-tool/template.liquid`,
    labelsFile: `${root}annotation-tool/data.json`,
    mask: (index: number) => `${root}annotations/consolidated-annotation/output/${index}.png`,
  };
}
