import path from 'node:path';

import {
  ConflictError,
  findBuiltinAlgorithm,
  ValidationError,
  type ComputeEventBus,
  type CreateTuningJobRequest,
  type TrainingJobDescription,
  type TuningJobBackend,
  type TuningJobDescription,
  type TuningJobStatus,
} from '@mlspace/core';
import { existsSync } from 'node:fs';

import { appendLogLine, readLogPage } from './job-log';
import { readState, writeState } from './job-state';
import type { LocalTrainingJobs } from './training-runner';
import { gridCandidates, randomCandidates, type Candidate } from './tuning-ranges';

export interface LocalTuningOptions {
  rootDir: string;
  events: ComputeEventBus;
  training: LocalTrainingJobs;
  random?: () => number;
}

export interface LocalTuningJobs extends TuningJobBackend {
  settled(name: string): Promise<TuningJobDescription>;
  shutdown(): Promise<void>;
}

interface ChildRecord {
  name: string;
  hyperParameters: Candidate;
  status: TrainingJobDescription['status'];
  objectiveValue?: number;
}

interface TuningState {
  request: CreateTuningJobRequest;
  status: TuningJobStatus;
  failureReason?: string;
  children: ChildRecord[];
  createdAt: string;
  endedAt?: string;
}

/** Local hyperparameter tuning: Random or Grid search over child training jobs, `maxParallelJobs` at a time. */
export function createLocalTuningJobs(options: LocalTuningOptions): LocalTuningJobs {
  const live = new Map<
    string,
    { state: TuningState; stopping: boolean; settled: Promise<TuningJobDescription> }
  >();
  const folder = (name: string) => path.join(options.rootDir, name);
  const logFile = (name: string) => path.join(folder(name), 'logs.jsonl');

  function save(name: string, state: TuningState): void {
    const job = live.get(name);
    const previous = job?.state.status;
    if (job) job.state = state;
    writeState(folder(name), state);
    if (state.status !== previous) {
      options.events.emit({
        kind: 'hpoJob',
        name,
        status: state.status,
        at: new Date().toISOString(),
        failureReason: state.failureReason,
        project: state.request.owner.project,
        owner: state.request.owner.username,
        metadata: best(state) ? { bestTrainingJob: best(state)!.name } : undefined,
      });
    }
  }

  async function execute(name: string, candidates: Candidate[]): Promise<void> {
    const job = live.get(name)!;
    const { request } = job.state;
    let next = 0;
    const runOne = async (): Promise<void> => {
      while (next < candidates.length && !job.stopping) {
        const index = next++;
        const childName = `${name}-${String(index + 1).padStart(3, '0')}`;
        const hyperParameters = { ...request.trainingJob.hyperParameters, ...candidates[index]! };
        const record: ChildRecord = {
          name: childName,
          hyperParameters: candidates[index]!,
          status: 'InProgress',
        };
        save(name, { ...job.state, children: [...job.state.children, record] });
        appendLogLine(
          logFile(name),
          `Launched ${childName} with ${JSON.stringify(candidates[index])}`,
        );
        let done: TrainingJobDescription;
        try {
          await options.training.create({
            ...request.trainingJob,
            name: childName,
            owner: request.owner,
            hyperParameters,
          });
          done = await options.training.settled(childName);
        } catch (error) {
          appendLogLine(logFile(name), `${childName} could not start: ${(error as Error).message}`);
          done = { name: childName, status: 'Failed', instanceType: '', metrics: [], metadata: {} };
        }
        const objective = done.metrics
          .filter((metric) => metric.name === request.objective.metricName)
          .at(-1);
        const finished = { ...record, status: done.status, objectiveValue: objective?.value };
        save(name, {
          ...job.state,
          children: job.state.children.map((child) =>
            child.name === childName ? finished : child,
          ),
        });
        appendLogLine(
          logFile(name),
          `${childName} ${done.status}${objective ? `: ${request.objective.metricName}=${objective.value}` : done.failureReason ? `: ${done.failureReason}` : ''}`,
        );
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(request.maxParallelJobs, candidates.length) }, runOne),
    );
    const state = job.state;
    const winner = best(state);
    if (job.stopping) {
      save(name, { ...state, status: 'Stopped', endedAt: now() });
    } else if (!winner) {
      save(name, {
        ...state,
        status: 'Failed',
        failureReason: `No training job reported the objective metric ${request.objective.metricName}.`,
        endedAt: now(),
      });
    } else {
      appendLogLine(
        logFile(name),
        `Best training job: ${winner.name} (${request.objective.metricName}=${winner.objectiveValue})`,
      );
      save(name, { ...state, status: 'Completed', endedAt: now() });
    }
  }

  return {
    async create(request) {
      if (live.has(request.name) || existsSync(folder(request.name))) {
        throw new ConflictError(`A tuning job named ${request.name} already exists.`);
      }
      const candidates = candidatesFor(request, options.random);
      const state: TuningState = { request, status: 'InProgress', children: [], createdAt: now() };
      let finish: (description: TuningJobDescription) => void = () => {};
      live.set(request.name, {
        state,
        stopping: false,
        settled: new Promise((resolve) => (finish = resolve)),
      });
      save(request.name, state);
      options.events.emit({
        kind: 'hpoJob',
        name: request.name,
        status: 'InProgress',
        at: state.createdAt,
        project: request.owner.project,
        owner: request.owner.username,
      });
      appendLogLine(
        logFile(request.name),
        `${request.strategy} search over ${candidates.length} training jobs, ${request.maxParallelJobs} at a time`,
      );
      void execute(request.name, candidates).finally(() =>
        finish(describeTuning(live.get(request.name)!.state)),
      );
      return describeTuning(state);
    },
    async describe(name) {
      const state = live.get(name)?.state ?? readState<TuningState>(folder(name));
      return state ? describeTuning(state) : null;
    },
    async stop(name) {
      const job = live.get(name);
      if (!job || job.stopping || ['Completed', 'Failed', 'Stopped'].includes(job.state.status))
        return;
      job.stopping = true;
      save(name, { ...job.state, status: 'Stopping' });
      await Promise.all(
        job.state.children
          .filter((child) => child.status === 'InProgress')
          .map((child) => options.training.stop(child.name)),
      );
    },
    async listTrainingJobs(name) {
      const state = live.get(name)?.state ?? readState<TuningState>(folder(name));
      if (!state) throw new ValidationError('name', `no tuning job named ${name}`);
      const described = await Promise.all(
        [...state.children].reverse().map(async (child) => {
          const description = await options.training.describe(child.name);
          return description
            ? withTuningFacts(description, child, best(state)?.name === child.name)
            : null;
        }),
      );
      return described.filter(
        (description): description is TrainingJobDescription => description !== null,
      );
    },
    async logs(request) {
      return readLogPage(logFile(request.name), request.cursor, request.limit);
    },
    async settled(name) {
      const job = live.get(name);
      if (job) return job.settled;
      const description = await this.describe(name);
      if (!description) throw new ValidationError('name', `no tuning job named ${name}`);
      return description;
    },
    async shutdown() {
      await Promise.all([...live.keys()].map((name) => this.stop(name)));
    },
  };
}

function candidatesFor(request: CreateTuningJobRequest, random?: () => number): Candidate[] {
  if (request.maxJobs < 1) throw new ValidationError('maxJobs', 'must be at least 1');
  if (request.maxParallelJobs < 1)
    throw new ValidationError('maxParallelJobs', 'must be at least 1');
  const definitions = request.trainingJob.algorithm.metricDefinitions?.length
    ? request.trainingJob.algorithm.metricDefinitions
    : (findBuiltinAlgorithm(request.trainingJob.algorithm.image)?.metricDefinitions ?? []);
  if (!definitions.some((definition) => definition.name === request.objective.metricName)) {
    throw new ValidationError(
      'objective.metricName',
      `must be one of the training job's metrics (${definitions.map((d) => d.name).join(', ') || 'none defined'})`,
    );
  }
  if (request.strategy === 'Grid') return gridCandidates(request.ranges).slice(0, request.maxJobs);
  if (request.strategy === 'Random')
    return randomCandidates(request.ranges, request.maxJobs, random);
  throw new ValidationError(
    'strategy',
    `${request.strategy} runs on AWS only; locally use Random or Grid`,
  );
}

function best(state: TuningState): ChildRecord | undefined {
  const sign = state.request.objective.type === 'Minimize' ? 1 : -1;
  return state.children
    .filter((child) => child.status === 'Completed' && child.objectiveValue !== undefined)
    .sort((a, b) => sign * (a.objectiveValue! - b.objectiveValue!))[0];
}

function describeTuning(state: TuningState): TuningJobDescription {
  const count = (status: string) =>
    state.children.filter((child) => child.status === status).length;
  const winner = best(state);
  return {
    name: state.request.name,
    status: state.status,
    failureReason: state.failureReason,
    counters: {
      completed: count('Completed'),
      inProgress: count('InProgress') + count('Stopping'),
      failed: count('Failed'),
      stopped: count('Stopped'),
    },
    bestTrainingJob: winner
      ? {
          name: winner.name,
          objectiveValue: winner.objectiveValue,
          hyperParameters: winner.hyperParameters,
        }
      : undefined,
    createdAt: state.createdAt,
    endedAt: state.endedAt,
    metadata: {
      backend: 'local',
      strategy: state.request.strategy,
      objective: `${state.request.objective.type} ${state.request.objective.metricName}`,
    },
  };
}

function withTuningFacts(
  description: TrainingJobDescription,
  child: ChildRecord,
  isBest: boolean,
): TrainingJobDescription {
  const metadata: Record<string, string> = {
    ...description.metadata,
    tunedHyperParameters: JSON.stringify(child.hyperParameters),
  };
  if (child.objectiveValue !== undefined) metadata.objectiveValue = String(child.objectiveValue);
  if (isBest) metadata.best = 'true';
  return { ...description, metadata };
}

function now(): string {
  return new Date().toISOString();
}
