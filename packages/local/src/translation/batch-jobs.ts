/**
 * Batch translation on this machine: every object under the input location is translated into
 * each target language by its type (text or HTML, chosen by the file's extension) and written to
 * `<output>/<job name>/<language>/<path below the input>`. A document of another type, over the
 * size limit or refused by the engine fails with its reason while the others complete.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';
import {
  ConflictError,
  type ComputeEventBus,
  type CreateTranslationJobRequest,
  type DocumentFailure,
  type TranslationDocumentType,
  type TranslationJobBackend,
  type TranslationJobDescription,
  type TrainingJobStatus,
} from '@mlspace/core';

import { readState, writeState } from '../jobs/job-state';
import {
  folderOf,
  getObjectBytes,
  joinS3Uri,
  keysAt,
  parseS3Uri,
  putObject,
} from '../jobs/s3-objects';
import type { LocalTranslator } from './translator';

export const localDocumentTypes: readonly TranslationDocumentType[] = [
  { contentType: 'text/plain', extensions: ['.txt'], label: 'Plain text' },
  { contentType: 'text/html', extensions: ['.html', '.htm'], label: 'HTML' },
];

/** Apertium translates about a megabyte in tens of seconds here; larger documents are refused. */
export const defaultLocalMaxDocumentBytes = 1024 * 1024;

export interface LocalTranslationJobs extends TranslationJobBackend {
  settled(name: string): Promise<TranslationJobDescription>;
  shutdown(): Promise<void>;
}

interface JobState {
  request: Omit<CreateTranslationJobRequest, 'terminologyNames'> & {
    terminologyNames: string[];
  };
  status: TrainingJobStatus;
  failureReason?: string;
  documents: { input: number; translated: number; failed: number };
  failures: DocumentFailure[];
  createdAt: string;
  endedAt?: string;
}

export function documentTypeOf(key: string): TranslationDocumentType | null {
  const extension = path.posix.extname(key).toLowerCase();
  return localDocumentTypes.find((type) => type.extensions.includes(extension)) ?? null;
}

export function createLocalTranslationJobs(options: {
  s3: S3Client;
  rootDir: string;
  events: ComputeEventBus;
  translator: LocalTranslator;
  maxDocumentBytes?: number;
}): LocalTranslationJobs {
  const maxBytes = options.maxDocumentBytes ?? defaultLocalMaxDocumentBytes;
  const live = new Map<
    string,
    { state: JobState; stopping: boolean; settled: Promise<TranslationJobDescription> }
  >();
  const folder = (name: string) => path.join(options.rootDir, name);

  function save(name: string, change: Partial<JobState>): void {
    const job = live.get(name)!;
    const previous = job.state.status;
    job.state = { ...job.state, ...change };
    writeState(folder(name), job.state);
    if (job.state.status !== previous || change.status === 'InProgress')
      options.events.emit({
        kind: 'batchTranslateJob',
        name,
        status: job.state.status,
        at: new Date().toISOString(),
        failureReason: job.state.failureReason,
        project: job.state.request.owner.project,
        owner: job.state.request.owner.username,
      });
  }

  async function translateDocument(
    request: JobState['request'],
    bucket: string,
    key: string,
    relative: string,
  ): Promise<DocumentFailure[]> {
    const type = documentTypeOf(key);
    if (!type)
      return [
        {
          document: relative,
          reason: `${path.posix.extname(key) || 'a file without an extension'} is not a type Apertium translates here; locally only ${localDocumentTypes.map((t) => t.extensions.join(', ')).join(', ')} are (Amazon Translate on AWS also takes Word, PowerPoint, Excel and XLIFF)`,
        },
      ];
    const bytes = await getObjectBytes(options.s3, { bucket, key });
    if (bytes.length > maxBytes)
      return [
        {
          document: relative,
          reason: `is ${bytes.length} bytes, over the local limit of ${maxBytes} bytes per document`,
        },
      ];
    const text = new TextDecoder().decode(bytes);
    const failures: DocumentFailure[] = [];
    for (const targetLanguage of request.targetLanguages) {
      try {
        const result = await options.translator.translate({
          text,
          format: type.contentType === 'text/html' ? 'html' : 'text',
          sourceLanguage: request.sourceLanguage,
          targetLanguage,
          terminologyNames: request.terminologyNames,
          settings: request.settings,
        });
        const target = joinS3Uri(request.outputS3Uri, request.name, targetLanguage, relative);
        await putObject(options.s3, target, result.text, `${type.contentType}; charset=utf-8`);
      } catch (error) {
        failures.push({
          document: relative,
          targetLanguage,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return failures;
  }

  async function execute(name: string): Promise<void> {
    const job = live.get(name)!;
    const { request } = job.state;
    try {
      const input = parseS3Uri(request.inputS3Uri, 'inputS3Uri');
      const keys = await keysAt(options.s3, input, 'inputS3Uri');
      if (keys.length === 0) {
        save(name, {
          status: 'Failed',
          failureReason: `There are no documents under ${request.inputS3Uri}`,
          endedAt: now(),
        });
        return;
      }
      const base = keys.includes(input.key)
        ? input.key.slice(0, input.key.lastIndexOf('/') + 1)
        : folderOf(input);
      const documents = { input: keys.length, translated: 0, failed: 0 };
      const failures: DocumentFailure[] = [];
      save(name, { documents });
      for (const key of keys) {
        if (job.stopping) break;
        const problems = await translateDocument(
          request,
          input.bucket,
          key,
          key.slice(base.length),
        );
        if (problems.length > 0) documents.failed += 1;
        else documents.translated += 1;
        failures.push(...problems);
        save(name, { documents: { ...documents }, failures: [...failures] });
      }
      if (job.stopping) return;
      const allFailed = documents.translated === 0;
      save(name, {
        status: allFailed ? 'Failed' : 'Completed',
        failureReason: allFailed ? 'Every document failed; the failures say why' : undefined,
        endedAt: now(),
      });
    } catch (error) {
      if (job.stopping) return;
      save(name, {
        status: 'Failed',
        failureReason: error instanceof Error ? error.message : String(error),
        endedAt: now(),
      });
    } finally {
      if (job.stopping) save(name, { status: 'Stopped', endedAt: now() });
    }
  }

  return {
    async create(request) {
      if (live.has(request.name) || existsSync(folder(request.name)))
        throw new ConflictError(`A batch translation job named ${request.name} already exists`);
      let finish: (description: TranslationJobDescription) => void = () => {};
      live.set(request.name, {
        state: {
          request: { ...request, terminologyNames: [...request.terminologyNames] },
          status: 'InProgress',
          documents: { input: 0, translated: 0, failed: 0 },
          failures: [],
          createdAt: now(),
        },
        stopping: false,
        settled: new Promise((resolve) => (finish = resolve)),
      });
      save(request.name, { status: 'InProgress' });
      void execute(request.name).finally(() => finish(describe(live.get(request.name)!.state)));
      return describe(live.get(request.name)!.state);
    },
    async describe(name) {
      const state = live.get(name)?.state ?? readState<JobState>(folder(name));
      return state ? describe(state) : null;
    },
    async stop(name) {
      const job = live.get(name);
      if (!job || job.stopping || job.state.status !== 'InProgress') return;
      job.stopping = true;
      save(name, { status: 'Stopping' });
    },
    async settled(name) {
      const job = live.get(name);
      if (job) return job.settled;
      const description = await this.describe(name);
      if (!description) throw new ConflictError(`No batch translation job named ${name}`);
      return description;
    },
    async shutdown() {
      await Promise.all([...live.keys()].map((name) => this.stop(name)));
    },
  };
}

function describe(state: JobState): TranslationJobDescription {
  return {
    name: state.request.name,
    status: state.status,
    failureReason: state.failureReason,
    sourceLanguage: state.request.sourceLanguage,
    targetLanguages: [...state.request.targetLanguages],
    outputS3Uri: joinS3Uri(state.request.outputS3Uri, state.request.name) + '/',
    documents: state.documents,
    failures: state.failures,
    createdAt: state.createdAt,
    endedAt: state.endedAt,
    metadata: { backend: 'local' },
  };
}

function now(): string {
  return new Date().toISOString();
}
