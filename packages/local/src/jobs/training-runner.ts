import type { ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';
import {
  ConflictError,
  algorithmSupportStatement,
  findBuiltinAlgorithm,
  ValidationError,
  type ComputeEventBus,
  type CreateTrainingJobRequest,
  type JobMetric,
  type LogPage,
  type LogRequest,
  type TrainingJobBackend,
  type TrainingJobDescription,
  type TrainingJobStatus,
} from '@mlspace/core';

import { appendLogLine, readLogPage } from './job-log';
import { lineSplitter, readState, writeState } from './job-state';
import { compileMetricDefinitions, metricsInLine } from './metrics';
import { killGroup, run, spawnGroup } from './process-group';
import { algorithmScript, defaultPython } from './python';
import { downloadObject, downloadPrefix, joinS3Uri, parseS3Uri, uploadFile } from './s3-objects';
import {
  channelDir,
  trainingEnvironment,
  trainingLayout,
  writeTrainingConfig,
  type TrainingLayout,
} from './training-layout';

export interface LocalTrainingOptions {
  s3: S3Client;
  /** Job folders go here (`<dataDir>/.mlspace/jobs`). */
  rootDir: string;
  events: ComputeEventBus;
  python?: string;
  /** How long a stopped job gets between SIGTERM and SIGKILL. */
  stopGraceMs?: number;
}

export interface LocalTrainingJobs extends TrainingJobBackend {
  /** Resolves once the job reaches Completed, Failed or Stopped. */
  settled(name: string): Promise<TrainingJobDescription>;
  /** Every metric value with its time, oldest first, for the chart. */
  metricSeries(name: string): Promise<JobMetric[]>;
  shutdown(): Promise<void>;
}

interface TrainingState {
  request: CreateTrainingJobRequest;
  status: TrainingJobStatus;
  secondaryStatus: string;
  failureReason?: string;
  modelArtifactsS3Uri?: string;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
}

interface LiveJob {
  state: TrainingState;
  layout: TrainingLayout;
  child?: ChildProcess;
  stopReason?: string;
  settled: Promise<TrainingJobDescription>;
}

const settledStatuses: TrainingJobStatus[] = ['Completed', 'Failed', 'Stopped'];

export function createLocalTrainingJobs(options: LocalTrainingOptions): LocalTrainingJobs {
  const python = options.python ?? defaultPython;
  const live = new Map<string, LiveJob>();
  const folder = (name: string) => path.join(options.rootDir, name);

  markInterruptedJobs(options.rootDir);

  function save(job: LiveJob, change: Partial<TrainingState>): void {
    const previous = job.state.status;
    job.state = { ...job.state, ...change };
    writeState(job.layout.root, job.state);
    if (change.status && change.status !== previous) {
      options.events.emit({
        kind: 'trainingJob',
        name: job.state.request.name,
        status: job.state.status,
        at: new Date().toISOString(),
        failureReason: job.state.failureReason,
        project: job.state.request.owner.project,
        owner: job.state.request.owner.username,
        metadata: job.state.modelArtifactsS3Uri
          ? { modelArtifactsS3Uri: job.state.modelArtifactsS3Uri }
          : undefined,
      });
    }
  }

  function log(job: LiveJob, message: string): void {
    appendLogLine(job.layout.logFile, message);
  }

  async function execute(
    job: LiveJob,
    finish: (description: TrainingJobDescription) => void,
  ): Promise<void> {
    const { request } = job.state;
    const stderrTail: string[] = [];
    try {
      const compiled = compileMetricDefinitions(metricDefinitionsOf(request));
      save(job, { secondaryStatus: 'Downloading' });
      for (const channel of request.inputs) {
        log(job, `Downloading channel ${channel.name} from ${channel.s3Uri}`);
        const files = await downloadPrefix(
          options.s3,
          channel.s3Uri,
          channelDir(job.layout, channel.name),
        );
        if (files.length === 0)
          throw new ValidationError(`inputs.${channel.name}`, `no objects under ${channel.s3Uri}`);
      }
      const command = await entryPoint(job);
      if (job.stopReason) return;
      save(job, { secondaryStatus: 'Training' });
      log(job, `Running ${path.basename(command.script)} with ${python}`);
      const env = trainingEnvironment(
        job.layout,
        request.hyperParameters,
        request.inputs.map((c) => c.name),
      );
      const child = spawnGroup(python, [command.script, ...command.args], {
        cwd: path.dirname(command.script),
        env: {
          PATH: '/usr/local/bin:/usr/bin:/bin',
          HOME: job.layout.root,
          LANG: 'C.UTF-8',
          PYTHONUNBUFFERED: '1',
          ...env,
          ...request.environment,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      job.child = child;
      const onLine = (line: string, isError: boolean) => {
        const written = appendLogLine(job.layout.logFile, line);
        if (isError && line.trim()) {
          stderrTail.push(line);
          if (stderrTail.length > 20) stderrTail.shift();
        }
        for (const metric of metricsInLine(compiled, line, written.at)) {
          appendFileSync(job.layout.metricsFile, `${JSON.stringify(metric)}\n`);
        }
      };
      const out = lineSplitter((line) => onLine(line, false));
      const err = lineSplitter((line) => onLine(line, true));
      child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
      const code = await new Promise<number | null>((resolve) => {
        child.once('error', (error) => {
          err.push(`${error.message}\n`);
          resolve(127);
        });
        child.once('close', (exitCode) => resolve(exitCode));
      });
      out.end();
      err.end();
      job.child = undefined;
      if (job.stopReason) return;
      if (code !== 0) {
        save(job, {
          status: 'Failed',
          secondaryStatus: 'Failed',
          failureReason: failureReason(job.layout, stderrTail, code),
          endedAt: now(),
        });
        return;
      }
      save(job, { secondaryStatus: 'Uploading' });
      const artefact = joinS3Uri(request.outputS3Uri, request.name, 'output', 'model.tar.gz');
      const tarball = path.join(job.layout.outputDir, 'model.tar.gz');
      await run('tar', ['-czf', tarball, '-C', job.layout.modelDir, '.']);
      await uploadFile(options.s3, tarball, artefact, 'application/gzip');
      log(job, `Uploaded the model to ${artefact}`);
      save(job, {
        status: 'Completed',
        secondaryStatus: 'Completed',
        modelArtifactsS3Uri: artefact,
        endedAt: now(),
      });
    } catch (error) {
      if (!job.stopReason) {
        const message = error instanceof Error ? error.message : String(error);
        log(job, message);
        save(job, {
          status: 'Failed',
          secondaryStatus: 'Failed',
          failureReason: `ClientError: ${message}`,
          endedAt: now(),
        });
      }
    } finally {
      if (job.stopReason) {
        save(job, {
          status: 'Stopped',
          secondaryStatus:
            job.stopReason === 'MaxRuntimeExceeded' ? 'MaxRuntimeExceeded' : 'Stopped',
          endedAt: now(),
        });
      }
      finish(describeState(job.state, readMetrics(job.layout.metricsFile)));
    }
  }

  async function entryPoint(job: LiveJob): Promise<{ script: string; args: string[] }> {
    const { algorithm, hyperParameters } = job.state.request;
    const builtin = findBuiltinAlgorithm(algorithm.image);
    if (builtin?.localScript) return { script: algorithmScript(builtin.localScript), args: [] };
    if (!algorithm.entryPoint?.startsWith('s3://')) {
      throw new ValidationError(
        'algorithm',
        `${algorithm.image} has no local runner. ${algorithmSupportStatement('local').summary}`,
      );
    }
    const location = parseS3Uri(algorithm.entryPoint, 'algorithm.entryPoint');
    const script = path.join(job.layout.codeDir, path.posix.basename(location.key) || 'train.py');
    log(job, `Downloading the entry point ${algorithm.entryPoint}`);
    await downloadObject(options.s3, location, script);
    // Script mode passes hyperparameters as command-line options too, as SageMaker's framework images do.
    return {
      script,
      args: Object.entries(hyperParameters).flatMap(([name, value]) => [`--${name}`, value]),
    };
  }

  async function stopJob(name: string, reason: string): Promise<void> {
    const job = live.get(name);
    if (!job) {
      const stored = readState<TrainingState>(folder(name));
      if (!stored) throw new ValidationError('name', `no training job named ${name}`);
      return;
    }
    if (settledStatuses.includes(job.state.status) || job.stopReason) return;
    job.stopReason = reason;
    const failureReason =
      reason === 'MaxRuntimeExceeded'
        ? `MaxRuntimeExceeded: the job ran longer than ${job.state.request.stopping.maxRuntimeSeconds} s`
        : undefined;
    save(job, { status: 'Stopping', secondaryStatus: 'Stopping', failureReason });
    log(job, reason === 'MaxRuntimeExceeded' ? failureReason! : 'Stop requested');
    if (job.child) await killGroup(job.child, options.stopGraceMs ?? 5000);
  }

  return {
    async create(request) {
      const root = folder(request.name);
      if (live.has(request.name) || existsSync(root)) {
        throw new ConflictError(`A training job named ${request.name} already exists.`);
      }
      compileMetricDefinitions(metricDefinitionsOf(request), 'algorithm.metricDefinitions');
      const layout = trainingLayout(root);
      writeTrainingConfig(layout, request.hyperParameters, request.inputs);
      const at = now();
      let finish: (description: TrainingJobDescription) => void = () => {};
      const job: LiveJob = {
        layout,
        state: {
          request,
          status: 'InProgress',
          secondaryStatus: 'Starting',
          createdAt: at,
          startedAt: at,
        },
        settled: new Promise((resolve) => (finish = resolve)),
      };
      live.set(request.name, job);
      save(job, {});
      options.events.emit({
        kind: 'trainingJob',
        name: request.name,
        status: 'InProgress',
        at,
        project: request.owner.project,
        owner: request.owner.username,
      });
      const timer = setTimeout(
        () => void stopJob(request.name, 'MaxRuntimeExceeded'),
        request.stopping.maxRuntimeSeconds * 1000,
      );
      void execute(job, finish).finally(() => clearTimeout(timer));
      return describeState(job.state, []);
    },
    async describe(name) {
      const state = live.get(name)?.state ?? readState<TrainingState>(folder(name));
      return state
        ? describeState(state, readMetrics(trainingLayout(folder(name)).metricsFile))
        : null;
    },
    stop: (name) => stopJob(name, 'Stopped'),
    async logs(request: LogRequest): Promise<LogPage> {
      return readLogPage(
        trainingLayout(folder(request.name)).logFile,
        request.cursor,
        request.limit,
      );
    },
    async settled(name) {
      const job = live.get(name);
      if (job) return job.settled;
      const description = await this.describe(name);
      if (!description) throw new ValidationError('name', `no training job named ${name}`);
      return description;
    },
    async metricSeries(name) {
      return readMetrics(trainingLayout(folder(name)).metricsFile);
    },
    async shutdown() {
      await Promise.all([...live.keys()].map((name) => stopJob(name, 'Stopped')));
    },
  };
}

function metricDefinitionsOf(request: CreateTrainingJobRequest) {
  if (request.algorithm.metricDefinitions?.length) return request.algorithm.metricDefinitions;
  return findBuiltinAlgorithm(request.algorithm.image)?.metricDefinitions ?? [];
}

function failureReason(layout: TrainingLayout, stderrTail: string[], code: number | null): string {
  if (existsSync(layout.failureFile)) {
    const written = readFileSync(layout.failureFile, 'utf8').trim();
    if (written) return written.slice(0, 1024);
  }
  const tail = stderrTail.slice(-5).join('\n').trim();
  return `AlgorithmError: ${tail || `the script exited with code ${code}`}`.slice(0, 1024);
}

function readMetrics(file: string): JobMetric[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JobMetric);
}

function describeState(state: TrainingState, metrics: JobMetric[]): TrainingJobDescription {
  return {
    name: state.request.name,
    status: state.status,
    secondaryStatus: state.secondaryStatus,
    failureReason: state.failureReason,
    instanceType: state.request.resources.instanceType,
    modelArtifactsS3Uri: state.modelArtifactsS3Uri,
    metrics,
    createdAt: state.createdAt,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    metadata: { backend: 'local', image: state.request.algorithm.image },
  };
}

/** Jobs that were running when MLSpace last stopped cannot be resumed: they end Failed. */
function markInterruptedJobs(rootDir: string): void {
  if (!existsSync(rootDir)) return;
  for (const name of readdirSync(rootDir)) {
    const directory = path.join(rootDir, name);
    const state = readState<TrainingState>(directory);
    if (state && !settledStatuses.includes(state.status)) {
      writeState(directory, {
        ...state,
        status: state.status === 'Stopping' ? 'Stopped' : 'Failed',
        failureReason:
          state.failureReason ?? 'InternalServerError: MLSpace stopped while the job ran',
        endedAt: now(),
      });
    }
  }
}

function now(): string {
  return new Date().toISOString();
}
