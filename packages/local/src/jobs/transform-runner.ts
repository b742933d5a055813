import { existsSync } from 'node:fs';
import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';
import {
  ConflictError,
  ValidationError,
  type ComputeEventBus,
  type CreateTransformJobRequest,
  type ModelBackend,
  type TransformJobBackend,
  type TransformJobDescription,
  type TransformJobStatus,
} from '@mlspace/core';

import { prepareModel, startInferenceServer, type InferenceServer } from './inference-server';
import { appendLogLine, readLogPage } from './job-log';
import { readState, writeState } from './job-state';
import { folderOf, getObjectBytes, joinS3Uri, keysAt, parseS3Uri, putObject } from './s3-objects';

export interface LocalTransformOptions {
  s3: S3Client;
  rootDir: string;
  events: ComputeEventBus;
  models: ModelBackend;
  python?: string;
}

export interface LocalTransformJobs extends TransformJobBackend {
  settled(name: string): Promise<TransformJobDescription>;
  shutdown(): Promise<void>;
}

interface TransformState {
  request: CreateTransformJobRequest;
  status: TransformJobStatus;
  failureReason?: string;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
}

/**
 * Batch transform: starts the model's inference server, sends each object under the input prefix
 * (whole, or line by line) and writes `<relative key>.out` under the output prefix.
 */
export function createLocalTransformJobs(options: LocalTransformOptions): LocalTransformJobs {
  const live = new Map<
    string,
    {
      state: TransformState;
      server?: InferenceServer;
      stopping: boolean;
      settled: Promise<TransformJobDescription>;
    }
  >();
  const folder = (name: string) => path.join(options.rootDir, name);
  const logFile = (name: string) => path.join(folder(name), 'logs.jsonl');

  function save(name: string, change: Partial<TransformState>): void {
    const job = live.get(name)!;
    const previous = job.state.status;
    job.state = { ...job.state, ...change };
    writeState(folder(name), job.state);
    if (job.state.status !== previous || change.status === 'InProgress') {
      options.events.emit({
        kind: 'transformJob',
        name,
        status: job.state.status,
        at: new Date().toISOString(),
        failureReason: job.state.failureReason,
        project: job.state.request.owner.project,
        owner: job.state.request.owner.username,
      });
    }
  }

  async function execute(name: string): Promise<void> {
    const job = live.get(name)!;
    const { request } = job.state;
    const log = (message: string) => appendLogLine(logFile(name), message);
    try {
      const model = await options.models.describe(request.modelName);
      if (!model) throw new ValidationError('modelName', `no model named ${request.modelName}`);
      const modelDir = await prepareModel(
        options.s3,
        model.container,
        path.join(folder(name), 'serving'),
      );
      job.server = await startInferenceServer({
        modelDir,
        program: model.container.environment?.SAGEMAKER_PROGRAM,
        logFile: logFile(name),
        python: options.python,
      });
      const input = parseS3Uri(request.input.s3Uri, 'input.s3Uri');
      const keys = await keysAt(options.s3, input, 'input.s3Uri');
      if (keys.length === 0)
        throw new ValidationError('input.s3Uri', `no objects under ${request.input.s3Uri}`);
      const contentType = request.input.contentType ?? 'text/csv';
      const accept = contentType === 'text/csv' ? 'text/csv' : 'application/json';
      // One object lands next to the output prefix by its file name; a folder keeps its layout.
      const base = keys.includes(input.key)
        ? input.key.slice(0, input.key.lastIndexOf('/') + 1)
        : folderOf(input);
      for (const key of keys) {
        if (job.stopping) return;
        const text = new TextDecoder().decode(
          await getObjectBytes(options.s3, { bucket: input.bucket, key }),
        );
        const payloads = batches(text, request);
        const outputs: string[] = [];
        for (const payload of payloads) {
          const response = await job.server.invoke(payload, contentType, accept);
          const body = new TextDecoder().decode(response.body);
          if (response.status >= 400)
            throw new ValidationError(
              'input',
              `${key}: the model rejected a record: ${body.trim()}`,
            );
          outputs.push(body.endsWith('\n') ? body : `${body}\n`);
        }
        const target = joinS3Uri(request.outputS3Uri, `${key.slice(base.length)}.out`);
        await putObject(options.s3, target, outputs.join(''), accept);
        log(
          `Transformed s3://${input.bucket}/${key} (${payloads.length} request${payloads.length === 1 ? '' : 's'}) into ${target}`,
        );
      }
      save(name, { status: 'Completed', endedAt: now() });
    } catch (error) {
      if (job.stopping) return;
      const message = error instanceof Error ? error.message : String(error);
      log(message);
      save(name, { status: 'Failed', failureReason: `ClientError: ${message}`, endedAt: now() });
    } finally {
      await job.server?.stop();
      if (job.stopping) save(name, { status: 'Stopped', endedAt: now() });
    }
  }

  return {
    async create(request) {
      if (live.has(request.name) || existsSync(folder(request.name))) {
        throw new ConflictError(`A transform job named ${request.name} already exists.`);
      }
      if (request.input.splitType && !['None', 'Line'].includes(request.input.splitType)) {
        throw new ValidationError(
          'input.splitType',
          'locally only None (whole files) and Line are supported',
        );
      }
      const at = now();
      let finish: (description: TransformJobDescription) => void = () => {};
      live.set(request.name, {
        state: { request, status: 'InProgress', createdAt: at, startedAt: at },
        stopping: false,
        settled: new Promise((resolve) => (finish = resolve)),
      });
      save(request.name, { status: 'InProgress' });
      void execute(request.name).finally(() =>
        finish(describeTransform(live.get(request.name)!.state)),
      );
      return describeTransform(live.get(request.name)!.state);
    },
    async describe(name) {
      const state = live.get(name)?.state ?? readState<TransformState>(folder(name));
      return state ? describeTransform(state) : null;
    },
    async stop(name) {
      const job = live.get(name);
      if (!job || job.stopping || job.state.status !== 'InProgress') return;
      job.stopping = true;
      save(name, { status: 'Stopping' });
      await job.server?.stop();
    },
    async logs(request) {
      return readLogPage(logFile(request.name), request.cursor, request.limit);
    },
    async settled(name) {
      const job = live.get(name);
      if (job) return job.settled;
      const description = await this.describe(name);
      if (!description) throw new ValidationError('name', `no transform job named ${name}`);
      return description;
    },
    async shutdown() {
      await Promise.all([...live.keys()].map((name) => this.stop(name)));
    },
  };
}

/** Requests for one file: the whole file, one per line, or lines packed up to the payload limit. */
function batches(text: string, request: CreateTransformJobRequest): string[] {
  if ((request.input.splitType ?? 'None') === 'None') return [text];
  const lines = text.split(/\r?\n/).filter((line) => line.trim());
  if (request.batchStrategy !== 'MultiRecord') return lines;
  const limit = (request.maxPayloadMb ?? 6) * 1024 * 1024;
  const packed: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > limit) {
      packed.push(current);
      current = '';
    }
    current += `${line}\n`;
  }
  if (current) packed.push(current);
  return packed;
}

function describeTransform(state: TransformState): TransformJobDescription {
  return {
    name: state.request.name,
    status: state.status,
    failureReason: state.failureReason,
    modelName: state.request.modelName,
    instanceType: state.request.resources.instanceType,
    outputS3Uri: state.request.outputS3Uri,
    createdAt: state.createdAt,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    metadata: { backend: 'local' },
  };
}

function now(): string {
  return new Date().toISOString();
}
