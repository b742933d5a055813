import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  UnavailableError,
  annotationSchema,
  canCreateResource,
  canManageResource,
  canReadProject,
  canReadResource,
  createLabelingJobInputSchema,
  labelingTaskTypeInfo,
  labelingTaskTypes,
  outputManifestLine,
  projectNameSchema,
  sanitizeTemplate,
  type ImageSize,
  type LabelCounters,
  type LabelingTaskType,
  type Page,
  type ResourceRecord,
} from '@mlspace/core';

import type { Context } from '../context';
import { prepareLabelingJob } from '../services/labeling/inputs';
import { labelingSpecOf, type LabelingJobSpec } from '../services/labeling/spec';
import {
  assertTaskIndex,
  openTask,
  reviewedLabel,
  submitAnswer,
  workerQueue,
} from '../services/labeling/worker-tasks';
import {
  backendFor,
  refreshRecord,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { serviceProcedure } from '../trpc';
import { listProcedures, nameInput } from './ml-common';

/** Refused with a clear message while an administrator has deactivated labeling. */
const labelingProcedure = serviceProcedure('labeling');

function objectsOf(ctx: Context) {
  if (!ctx.objects)
    throw new UnavailableError('Labeling needs the data bucket, which is not configured here');
  return ctx.objects;
}

/** The local labeling tool's dependencies; on AWS workers label in Ground Truth instead. */
function labelingTool(ctx: Context) {
  if (ctx.compute.name !== 'local')
    throw new UnavailableError(
      "On AWS workers label in Ground Truth's labeling portal; the job page links to it",
    );
  return { db: ctx.db, objects: objectsOf(ctx), bucket: ctx.settings.s3.dataBucket };
}

export interface LabelingJobView {
  job: ResourceSummaryView;
  taskType: LabelingTaskType;
  taskTypeLabel: string;
  media: 'image' | 'text';
  labels: string[];
  shortInstruction: string;
  fullInstruction: string;
  workers: string[];
  workersPerObject: number;
  taskTimeLimitSeconds: number;
  outputDataset: string;
  outputManifestUri: string;
  labelAttributeName: string;
  reviewed: LabelingJobSpec['reviewed'];
  hasTemplate: boolean;
  counters: LabelCounters;
  /** Objects assigned to and answered by each worker (MLSpace's own labeling tool only). */
  workerCounts: { worker: string; assigned: number; answered: number }[] | null;
  /** Where workers label on AWS: the work team's labeling portal. */
  workerPortalUrl: string | null;
  permissions: { manage: boolean; label: boolean };
}

export interface LabelingTaskView {
  index: number;
  media: 'image' | 'text';
  imageUrl: string | null;
  imageSize: ImageSize | null;
  text: string | null;
  openedAt: string;
  /** When the answer must be in. */
  deadline: string;
  /** Verification and adjustment: the reviewed job's label of this object, as it wrote it. */
  reviewed: unknown;
}

export interface LabeledObjectView {
  index: number;
  state: 'pending' | 'labeled' | 'failed';
  source: string | null;
  imageUrl: string | null;
  imageSize: ImageSize | null;
  answered: number;
  workers: string[];
  /** The object's line in the output manifest once labeled: the label attribute and its metadata. */
  output: Record<string, unknown> | null;
}

async function imageUrlOf(ctx: Context, ref: unknown): Promise<string | null> {
  if (typeof ref !== 'string') return null;
  const prefix = `s3://${ctx.settings.s3.dataBucket}/`;
  if (!ref.startsWith(prefix)) return null;
  const key = ref.slice(prefix.length);
  return ctx.datasetStorage.presignGet(key, key.split('/').pop() ?? key);
}

async function textOf(ctx: Context, line: Record<string, unknown>): Promise<string | null> {
  if (typeof line.source === 'string') return line.source;
  const ref = line['source-ref'];
  const prefix = `s3://${ctx.settings.s3.dataBucket}/`;
  if (typeof ref !== 'string' || !ref.startsWith(prefix)) return null;
  const bytes = await objectsOf(ctx).read(ref.slice(prefix.length), 200_000);
  return bytes ? new TextDecoder().decode(bytes) : null;
}

const taskInput = nameInput.extend({ index: z.number().int().min(0) });

async function describeJob(ctx: Context, record: ResourceRecord) {
  const description = await backendFor(ctx.compute, 'labelingJob').describe(record.name);
  return { description, fresh: await refreshRecord(ctx.db, record, description) };
}

export const labelingRouter = {
  ...listProcedures('labelingJob'),

  /** What the create form offers: the task types, the project's datasets and members. */
  options: labelingProcedure
    .input(z.object({ project: projectNameSchema }))
    .query(async ({ ctx, input }) => {
      const user = ctx.caller.user;
      const { facts, project } = await authorizeProject(
        ctx.db,
        user,
        input.project,
        canReadProject,
      );
      const decision = canCreateResource(user, facts);
      const [datasets, members] = await Promise.all([
        ctx.db.datasets.listByScope({ scope: 'project', scopeId: project.name }, { limit: 100 }),
        ctx.db.membership.listMembers(project.name, { limit: 100 }),
      ]);
      return {
        mayCreate: decision.allowed,
        createDenial: decision.allowed ? null : decision.reason,
        backend: ctx.compute.name,
        taskTypes: labelingTaskTypes.map((name) => ({
          name,
          label: labelingTaskTypeInfo[name].label,
          media: labelingTaskTypeInfo[name].media,
          reviews: labelingTaskTypeInfo[name].reviews ?? null,
        })),
        datasets: datasets.items.map((dataset) => dataset.name),
        members: members.items.map((member) => member.username),
      };
    }),

  create: labelingProcedure
    .input(createLabelingJobInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      const backend = backendFor(ctx.compute, 'labelingJob');
      const bucket = ctx.settings.s3.dataBucket;
      const spec = await prepareLabelingJob({ ...ctx, objects: objectsOf(ctx) }, user, input);
      const { record } = await registerAndCreate(ctx, {
        kind: 'labelingJob',
        name: input.name,
        project: input.project,
        owner: user.username,
        status: 'Initializing',
        spec: { ...spec },
        create: () =>
          backend.create({
            name: input.name,
            owner: { project: input.project, username: user.username },
            taskType: input.taskType,
            labels: input.labels,
            shortInstruction: input.shortInstruction,
            fullInstruction: input.fullInstruction,
            workers: input.workers,
            workersPerObject: input.workersPerObject,
            taskTimeLimitSeconds: input.taskTimeLimitSeconds,
            inputManifestUri: `s3://${bucket}/${spec.inputManifestKey}`,
            outputUri: `s3://${bucket}/${spec.outputPrefix}`,
            labelAttributeName: spec.labelAttributeName,
            templateUri: `s3://${bucket}/${spec.crowdTemplateKey}`,
            labelCategoryConfigUri: `s3://${bucket}/${spec.labelsKey}`,
            reviewedAttributeName: spec.reviewed?.attribute,
          }),
      });
      return toSummaryView(record);
    }),

  get: labelingProcedure
    .input(nameInput)
    .query(async ({ ctx, input }): Promise<LabelingJobView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorizeResource(
        ctx.db,
        user,
        'labelingJob',
        input.name,
        canReadResource,
      );
      const { description, fresh } = await describeJob(ctx, record);
      const spec = labelingSpecOf(fresh);
      const tallies =
        ctx.compute.name === 'local' ? await ctx.db.labeling.tallies(record.name) : null;
      return {
        job: toSummaryView(fresh),
        taskType: spec.taskType,
        taskTypeLabel: labelingTaskTypeInfo[spec.taskType].label,
        media: labelingTaskTypeInfo[spec.taskType].media,
        labels: spec.labels,
        shortInstruction: spec.shortInstruction,
        fullInstruction: spec.fullInstruction,
        workers: spec.workers,
        workersPerObject: spec.workersPerObject,
        taskTimeLimitSeconds: spec.taskTimeLimitSeconds,
        outputDataset: spec.outputDataset,
        outputManifestUri: `s3://${ctx.settings.s3.dataBucket}/${spec.outputManifestKey}`,
        labelAttributeName: spec.labelAttributeName,
        reviewed: spec.reviewed,
        hasTemplate: spec.templateKey !== null,
        counters: description?.counters ?? { total: 0, labeled: 0, failed: 0, unlabeled: 0 },
        workerCounts: tallies?.workers ?? null,
        workerPortalUrl: description?.workerPortalUrl ?? fresh.metadata.workerPortalUrl ?? null,
        permissions: {
          manage: canManageResource(user, facts).allowed,
          label: spec.workers.includes(user.username) && fresh.status === 'InProgress',
        },
      };
    }),

  /** Stops the job; what was labeled stays in the output manifest. */
  stop: labelingProcedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
    const { record } = await authorizeResource(
      ctx.db,
      ctx.caller.user,
      'labelingJob',
      input.name,
      canManageResource,
    );
    await backendFor(ctx.compute, 'labelingJob').stop(record.name);
  }),

  /** The job's objects in order with their labels: the gallery of the job page. */
  objects: labelingProcedure
    .input(
      nameInput.extend({
        cursor: z.string().max(2048).nullish(),
        limit: z.number().int().min(1).max(60).default(24),
      }),
    )
    .query(async ({ ctx, input }): Promise<Page<LabeledObjectView>> => {
      const { record } = await authorizeResource(
        ctx.db,
        ctx.caller.user,
        'labelingJob',
        input.name,
        canReadResource,
      );
      const tool = labelingTool(ctx);
      const spec = labelingSpecOf(record);
      const page = await tool.db.labeling.objects(record.name, {
        cursor: input.cursor,
        limit: input.limit,
      });
      const items = await Promise.all(
        page.items.map(async (object): Promise<LabeledObjectView> => {
          const output =
            object.label && object.labeledAt
              ? outputManifestLine(
                  { name: record.name, taskType: spec.taskType, labels: spec.labels },
                  {
                    line: {},
                    label: object.label,
                    labeledAt: object.labeledAt,
                    imageSize: object.imageSize ?? undefined,
                    maskUri: object.maskKey
                      ? `s3://${ctx.settings.s3.dataBucket}/${object.maskKey}`
                      : undefined,
                  },
                )
              : null;
          const media = labelingTaskTypeInfo[spec.taskType].media;
          return {
            index: object.index,
            state: object.state,
            source:
              media === 'text'
                ? typeof object.line.source === 'string'
                  ? object.line.source
                  : null
                : (object.line['source-ref'] ?? null),
            imageUrl: media === 'image' ? await imageUrlOf(ctx, object.line['source-ref']) : null,
            imageSize: object.imageSize,
            answered: object.answered,
            workers: object.workers,
            output,
          };
        }),
      );
      return { items, cursor: page.cursor };
    }),

  /** The caller's queue in a job they label. */
  queue: labelingProcedure.input(nameInput).query(async ({ ctx, input }) => {
    const { record } = await authorizeResource(
      ctx.db,
      ctx.caller.user,
      'labelingJob',
      input.name,
      canReadResource,
    );
    return workerQueue(labelingTool(ctx), record, ctx.caller.user.username);
  }),

  /** Opens one of the caller's tasks; the time limit starts now. A mutation: it starts the clock. */
  task: labelingProcedure
    .input(taskInput)
    .mutation(async ({ ctx, input }): Promise<LabelingTaskView> => {
      assertTaskIndex(input.index);
      const { record } = await authorizeResource(
        ctx.db,
        ctx.caller.user,
        'labelingJob',
        input.name,
        canReadResource,
      );
      const spec = labelingSpecOf(record);
      const { object, openedAt } = await openTask(
        labelingTool(ctx),
        record,
        ctx.caller.user.username,
        input.index,
      );
      const media = labelingTaskTypeInfo[spec.taskType].media;
      return {
        index: object.index,
        media,
        imageUrl: media === 'image' ? await imageUrlOf(ctx, object.line['source-ref']) : null,
        imageSize: object.imageSize,
        text: media === 'text' ? await textOf(ctx, object.line) : null,
        openedAt,
        deadline: new Date(Date.parse(openedAt) + spec.taskTimeLimitSeconds * 1000).toISOString(),
        reviewed: reviewedLabel(spec, object),
      };
    }),

  /** The caller's answer for one task, checked against the task type and the job's labels. */
  submit: labelingProcedure
    .input(taskInput.extend({ annotation: annotationSchema }))
    .mutation(async ({ ctx, input }) => {
      const { record } = await authorizeResource(
        ctx.db,
        ctx.caller.user,
        'labelingJob',
        input.name,
        canReadResource,
      );
      return submitAnswer(
        labelingTool(ctx),
        record,
        ctx.caller.user.username,
        input.index,
        input.annotation,
      );
    }),

  /** The job's custom worker template, sanitised; null when the job has none. */
  template: labelingProcedure.input(nameInput).query(async ({ ctx, input }) => {
    const { record } = await authorizeResource(
      ctx.db,
      ctx.caller.user,
      'labelingJob',
      input.name,
      canReadResource,
    );
    const spec = labelingSpecOf(record);
    if (!spec.templateKey) return { html: null };
    const bytes = await objectsOf(ctx).read(spec.templateKey, 200_000);
    return { html: bytes ? sanitizeTemplate(new TextDecoder().decode(bytes)) : null };
  }),
} satisfies TRPCRouterRecord;
