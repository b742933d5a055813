/**
 * Turns a create request into the job's input manifest and spec. Every key is derived here from
 * dataset names and checked file names, and every dataset read or written passes the data-plane
 * gate; nothing the caller typed reaches S3 or a backend as a key.
 */
import {
  ValidationError,
  assertFileFitsTask,
  crowdTemplate,
  datasetFileKey,
  labelAttributeName,
  labelingTaskTypeInfo,
  maxLabelingObjects,
  maxTextObjectBytes,
  parseInputManifest,
  resolveStorageLocation,
  type CreateLabelingJobInput,
  type ManifestLine,
  type Principal,
} from '@mlspace/core';
import type { ObjectIo } from '@mlspace/aws';

import { assertStorageLocations, type StorageGateContext } from '../storage-gate';
import { jobKeys, labelingSpecOf, type LabelingJobSpec } from './spec';

export interface LabelingInputContext extends StorageGateContext {
  objects: ObjectIo;
}

const maxManifestBytes = 20 * 1024 * 1024;

function keyOf(uri: string, bucket: string): string {
  return uri.slice(`s3://${bucket}/`.length);
}

function projectDatasetUri(bucket: string, project: string, dataset: string): string {
  return `s3://${bucket}/project/${project}/datasets/${dataset}/`;
}

async function readText(objects: ObjectIo, key: string, limit: number, field: string) {
  const bytes = await objects.read(key, limit + 1);
  if (!bytes) throw new ValidationError(field, `there is no file ${key.split('/').pop()}`);
  if (bytes.length > limit)
    throw new ValidationError(field, `${key.split('/').pop()} is larger than ${limit} bytes`);
  return new TextDecoder().decode(bytes);
}

/** The lines of the input manifest, and (verification, adjustment) the job reviewed. */
async function manifestLines(
  ctx: LabelingInputContext,
  user: Principal,
  input: CreateLabelingJobInput,
): Promise<{ lines: ManifestLine[]; reviewed: LabelingJobSpec['reviewed'] }> {
  const bucket = ctx.settings.s3.dataBucket;
  const { project, taskType } = input;
  const source = input.input;
  if (source.kind === 'files') {
    source.files.forEach((file, index) =>
      assertFileFitsTask(file, taskType, `input.files.${index}`),
    );
    const [datasetUri] = await assertStorageLocations(ctx, user, project, [
      {
        field: 'input.dataset',
        uri: projectDatasetUri(bucket, project, source.dataset),
        access: 'read',
      },
    ]);
    const prefix = keyOf(datasetUri!, bucket);
    const keys = source.files.map((file, index) =>
      datasetFileKey(prefix, file, `input.files.${index}`),
    );
    if (labelingTaskTypeInfo[taskType].media === 'image')
      return {
        lines: keys.map((key) => ({ 'source-ref': `s3://${bucket}/${key}` })),
        reviewed: null,
      };
    // Text objects are inlined as `source`, which every text task type of Ground Truth reads.
    const texts = await Promise.all(
      keys.map((key, index) =>
        readText(ctx.objects, key, maxTextObjectBytes, `input.files.${index}`),
      ),
    );
    return { lines: texts.map((text) => ({ source: text })), reviewed: null };
  }
  if (source.kind === 'manifest') {
    const [manifestUri] = await assertStorageLocations(ctx, user, project, [
      {
        field: 'input.file',
        uri: `${projectDatasetUri(bucket, project, source.dataset)}${source.file}`,
        access: 'read',
      },
    ]);
    const text = await readText(
      ctx.objects,
      keyOf(manifestUri!, bucket),
      maxManifestBytes,
      'input.file',
    );
    const lines = parseInputManifest(text, taskType, 'input.file', maxLabelingObjects);
    await gateReferences(ctx, user, input, lines);
    return { lines, reviewed: null };
  }
  return reviewedJobLines(ctx, user, input, source.job);
}

/**
 * Every `source-ref` of a manifest is a location the caller must be able to read, and for image
 * tasks a file an image task takes. Each dataset is checked once, however many objects it holds.
 */
async function gateReferences(
  ctx: LabelingInputContext,
  user: Principal,
  input: CreateLabelingJobInput,
  lines: ManifestLine[],
): Promise<void> {
  const bucket = ctx.settings.s3.dataBucket;
  const datasets = new Map<string, { field: string; uri: string }>();
  lines.forEach((line, index) => {
    const ref = line['source-ref'];
    if (ref === undefined) return;
    const field = `input.file (line ${index + 1})`;
    const location = resolveStorageLocation(ref, bucket, field);
    if (location.kind === 'dataset') assertFileFitsName(location.path, input, field);
    const folder =
      location.kind === 'dataset'
        ? location.key.slice(0, location.key.length - location.path.length)
        : location.key;
    if (!datasets.has(folder)) datasets.set(folder, { field, uri: `s3://${bucket}/${folder}` });
  });
  await assertStorageLocations(
    ctx,
    user,
    input.project,
    [...datasets.values()].map((dataset) => ({ ...dataset, access: 'read' as const })),
  );
}

function assertFileFitsName(path: string, input: CreateLabelingJobInput, field: string): void {
  if (path === '' || path.endsWith('/'))
    throw new ValidationError(field, 'names a folder, not a file');
  assertFileFitsTask(path, input.taskType, field);
}

/** Verification and adjustment run over an earlier job's output, in the same project. */
async function reviewedJobLines(
  ctx: LabelingInputContext,
  user: Principal,
  input: CreateLabelingJobInput,
  job: string,
): Promise<{ lines: ManifestLine[]; reviewed: LabelingJobSpec['reviewed'] }> {
  const record = await ctx.db.resources.get('labelingJob', job);
  if (!record || record.project.toLowerCase() !== input.project.toLowerCase())
    throw new ValidationError('input.job', `project ${input.project} has no labeling job ${job}`);
  const spec = labelingSpecOf(record);
  const reviews = labelingTaskTypeInfo[input.taskType].reviews;
  if (spec.taskType !== reviews)
    throw new ValidationError(
      'input.job',
      `is a ${labelingTaskTypeInfo[spec.taskType].label} job; a ${labelingTaskTypeInfo[input.taskType].label} job reviews a ${labelingTaskTypeInfo[reviews!].label} job`,
    );
  if (!['Completed', 'Stopped'].includes(record.status))
    throw new ValidationError('input.job', `is ${record.status}; review a job that has ended`);
  // The reviewed output lives in a dataset of this project: the caller must still read it.
  await assertStorageLocations(ctx, user, input.project, [
    {
      field: 'input.job',
      uri: `s3://${ctx.settings.s3.dataBucket}/${spec.outputManifestKey}`,
      access: 'read',
    },
  ]);
  const text = await readText(ctx.objects, spec.outputManifestKey, maxManifestBytes, 'input.job');
  const lines = parseInputManifest(text, input.taskType, 'input.job', maxLabelingObjects).filter(
    (line) => line[spec.labelAttributeName] !== undefined,
  );
  if (lines.length === 0)
    throw new ValidationError('input.job', `${job} labeled no object to review`);
  return {
    lines,
    reviewed: {
      job,
      attribute: spec.labelAttributeName,
      taskType: spec.taskType,
      labels: spec.labels,
    },
  };
}

/**
 * Checks the request, writes the input manifest (and the template and labels file) into the
 * output dataset, and returns the job's spec.
 */
export async function prepareLabelingJob(
  ctx: LabelingInputContext,
  user: Principal,
  input: CreateLabelingJobInput,
): Promise<LabelingJobSpec> {
  const bucket = ctx.settings.s3.dataBucket;
  const [outputUri] = await assertStorageLocations(ctx, user, input.project, [
    {
      field: 'outputDataset',
      uri: projectDatasetUri(bucket, input.project, input.outputDataset),
      access: 'write',
    },
  ]);
  const members = await Promise.all(
    input.workers.map((worker) => ctx.db.membership.effectiveRole(input.project, worker)),
  );
  const outsider = members.findIndex((role) => role === null);
  if (outsider >= 0)
    throw new ValidationError(
      `workers.${outsider}`,
      `${input.workers[outsider]} is not a member of project ${input.project}`,
    );
  const { lines, reviewed } = await manifestLines(ctx, user, input);
  const outputPrefix = keyOf(outputUri!, bucket);
  const keys = jobKeys(outputPrefix, input.name);
  await ctx.objects.write(
    keys.inputManifest,
    lines.map((line) => JSON.stringify(line)).join('\n') + '\n',
    'application/x-ndjson',
  );
  await ctx.objects.write(
    keys.labelsFile,
    JSON.stringify({
      'document-version': '2018-11-28',
      labels: input.labels.map((label) => ({ label })),
    }),
    'application/json',
  );
  // Ground Truth renders the custom template as written; MLSpace sanitises it when it shows it.
  await ctx.objects.write(
    keys.template,
    input.template ?? crowdTemplate(input.taskType, input.shortInstruction, input.fullInstruction),
    'text/html',
  );
  return {
    taskType: input.taskType,
    labels: input.labels,
    shortInstruction: input.shortInstruction,
    fullInstruction: input.fullInstruction,
    workers: input.workers,
    workersPerObject: input.workersPerObject,
    taskTimeLimitSeconds: input.taskTimeLimitSeconds,
    input: input.input,
    outputDataset: input.outputDataset,
    outputPrefix,
    inputManifestKey: keys.inputManifest,
    outputManifestKey: keys.outputManifest,
    labelAttributeName: labelAttributeName(input.name, input.taskType),
    templateKey: input.template !== undefined ? keys.template : null,
    labelsKey: keys.labelsFile,
    crowdTemplateKey: keys.template,
    reviewed,
  };
}
