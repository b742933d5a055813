import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';
import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  ValidationError,
  type ComputeEventBus,
  type EndpointBackend,
  type EndpointConfigBackend,
  type EndpointDescription,
  type EndpointStatus,
  type ModelBackend,
  type ProjectContext,
} from '@mlspace/core';

import { captureInvocation } from './data-capture';
import { appendLogLine, readLogPage } from './job-log';
import { readState, writeState } from './job-state';
import { prepareModel, startInferenceServer, type InferenceServer } from './inference-server';

export interface LocalEndpointOptions {
  s3: S3Client;
  rootDir: string;
  events: ComputeEventBus;
  models: ModelBackend;
  endpointConfigs: EndpointConfigBackend;
  python?: string;
  /** Decides which invocations data capture samples; injectable so tests are deterministic. */
  random?: () => number;
}

export interface LocalEndpoints extends EndpointBackend {
  /** Resolves once the endpoint is InService or Failed. */
  settled(name: string): Promise<EndpointDescription>;
  shutdown(): Promise<void>;
}

interface EndpointState {
  description: EndpointDescription;
  owner: ProjectContext;
}

/**
 * Each local endpoint is one inference server process serving the first variant of its config.
 * Endpoints that were serving when MLSpace stopped are started again when it starts.
 */
export function createLocalEndpoints(options: LocalEndpointOptions): LocalEndpoints {
  const servers = new Map<string, InferenceServer>();
  const pending = new Map<string, Promise<EndpointDescription>>();
  const folder = (name: string) => path.join(options.rootDir, name);
  const logFile = (name: string) => path.join(folder(name), 'logs.jsonl');

  function load(name: string): EndpointState | null {
    const state = readState<EndpointState>(folder(name));
    if (
      state &&
      !servers.has(name) &&
      !pending.has(name) &&
      ['InService', 'Creating', 'Updating'].includes(state.description.status)
    ) {
      return { ...state, description: { ...state.description, status: 'OutOfService' } };
    }
    return state;
  }

  function save(
    state: EndpointState,
    status: EndpointStatus,
    change: Partial<EndpointDescription> = {},
  ): EndpointState {
    const next = {
      ...state,
      description: {
        ...state.description,
        ...change,
        status,
        lastModifiedAt: new Date().toISOString(),
      },
    };
    writeState(folder(state.description.name), next);
    options.events.emit({
      kind: 'endpoint',
      name: state.description.name,
      status,
      at: next.description.lastModifiedAt,
      failureReason: next.description.failureReason,
      project: state.owner.project,
      owner: state.owner.username,
      metadata: { endpointConfigName: next.description.endpointConfigName },
    });
    return next;
  }

  async function serve(
    state: EndpointState,
    configName: string,
    serving: EndpointStatus,
  ): Promise<EndpointDescription> {
    const name = state.description.name;
    try {
      const config = await options.endpointConfigs.describe(configName);
      if (!config)
        throw new ValidationError('endpointConfigName', `no endpoint config named ${configName}`);
      const variant = config.variants[0]!;
      const model = await options.models.describe(variant.modelName);
      if (!model) throw new ValidationError('modelName', `no model named ${variant.modelName}`);
      appendLogLine(
        logFile(name),
        `Starting variant ${variant.variantName} with model ${variant.modelName}`,
      );
      const dir = path.join(folder(name), `${configName}-${Date.now()}`);
      const modelDir = await prepareModel(options.s3, model.container, dir);
      const server = await startInferenceServer({
        modelDir,
        program: model.container.environment?.SAGEMAKER_PROGRAM,
        logFile: logFile(name),
        python: options.python,
      });
      const previous = servers.get(name);
      servers.set(name, server);
      server.onUnexpectedExit((cause) => restartAfterCrash(name, server, cause));
      await previous?.stop();
      return save(state, 'InService', { endpointConfigName: configName, failureReason: undefined })
        .description;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      appendLogLine(logFile(name), message);
      // A failed update leaves the running variant serving, as SageMaker rolls back.
      const status: EndpointStatus =
        serving === 'Updating' && servers.has(name) ? 'InService' : 'Failed';
      return save(state, status, { failureReason: message }).description;
    }
  }

  /**
   * An inference server that dies while its endpoint is in service is started again, up to
   * `maxRestarts` times in the life of this backend; after that the endpoint is Failed.
   */
  const maxRestarts = 3;
  const restarts = new Map<string, number>();
  function restartAfterCrash(name: string, server: InferenceServer, cause: string): void {
    if (servers.get(name) !== server) return;
    servers.delete(name);
    const state = load(name);
    if (!state) return;
    const count = (restarts.get(name) ?? 0) + 1;
    restarts.set(name, count);
    if (count > maxRestarts) {
      const reason = `The inference server stopped unexpectedly (${cause}) ${maxRestarts} times`;
      appendLogLine(logFile(name), reason);
      save(state, 'Failed', { failureReason: reason });
      return;
    }
    appendLogLine(
      logFile(name),
      `The inference server stopped unexpectedly (${cause}); starting it again (${count} of ${maxRestarts})`,
    );
    track(name, serve(save(state, 'Updating'), state.description.endpointConfigName, 'Updating'));
  }

  /**
   * Data capture as SageMaker does it, for the configuration the endpoint serves: a sampled
   * invocation's request and response go to the capture location. A capture that cannot be
   * written is noted in the endpoint's log; the caller still gets the model's answer.
   */
  async function capture(
    request: { name: string; contentType: string; body: Uint8Array },
    response: { contentType: string; body: Uint8Array },
  ): Promise<void> {
    const state = load(request.name);
    if (!state) return;
    const config = await options.endpointConfigs.describe(state.description.endpointConfigName);
    if (!config?.dataCapture) return;
    try {
      await captureInvocation(
        options.s3,
        config.dataCapture,
        {
          endpointName: request.name,
          variantName: config.variants[0]?.variantName ?? 'AllTraffic',
          request: { contentType: request.contentType, body: request.body },
          response,
          at: new Date(),
        },
        options.random,
      );
    } catch (error) {
      appendLogLine(
        logFile(request.name),
        `Data capture to ${config.dataCapture.s3Uri} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  function track(name: string, work: Promise<EndpointDescription>): void {
    pending.set(name, work);
    void work.finally(() => pending.delete(name));
  }

  for (const name of existsSync(options.rootDir) ? readdirSync(options.rootDir) : []) {
    const state = readState<EndpointState>(folder(name));
    if (state && ['InService', 'Creating', 'Updating'].includes(state.description.status)) {
      track(name, serve(save(state, 'Creating'), state.description.endpointConfigName, 'Creating'));
    }
  }

  return {
    async create(request) {
      if (existsSync(folder(request.name)))
        throw new ConflictError(`An endpoint named ${request.name} already exists.`);
      if (!(await options.endpointConfigs.describe(request.endpointConfigName))) {
        throw new ValidationError(
          'endpointConfigName',
          `no endpoint config named ${request.endpointConfigName}`,
        );
      }
      mkdirSync(folder(request.name), { recursive: true });
      const at = new Date().toISOString();
      const initial: EndpointState = {
        owner: request.owner,
        description: {
          name: request.name,
          status: 'Creating',
          endpointConfigName: request.endpointConfigName,
          createdAt: at,
          lastModifiedAt: at,
          metadata: { backend: 'local' },
        },
      };
      const state = save(initial, 'Creating');
      track(request.name, serve(state, request.endpointConfigName, 'Creating'));
      return state.description;
    },
    async describe(name) {
      const state = load(name);
      if (!state) return null;
      const server = servers.get(name);
      return server
        ? { ...state.description, metadata: { ...state.description.metadata, url: server.url } }
        : state.description;
    },
    async update(name, endpointConfigName) {
      const state = load(name);
      if (!state) throw new NotFoundError(`No endpoint named ${name}.`);
      if (pending.has(name))
        throw new ConflictError(
          `The endpoint ${name} is ${state.description.status}; wait until it is InService.`,
        );
      const updating = save(state, 'Updating');
      track(name, serve(updating, endpointConfigName, 'Updating'));
    },
    async delete(name) {
      const state = load(name);
      if (!state) throw new NotFoundError(`No endpoint named ${name}.`);
      await pending.get(name)?.catch(() => undefined);
      save(state, 'Deleting');
      await servers.get(name)?.stop();
      servers.delete(name);
      rmSync(folder(name), { recursive: true, force: true });
    },
    async invoke(request) {
      const server = servers.get(request.name);
      if (!server) {
        const state = load(request.name);
        if (!state) throw new NotFoundError(`No endpoint named ${request.name}.`);
        throw new UnavailableError(
          `The endpoint ${request.name} is ${state.description.status}, not InService.`,
        );
      }
      const response = await server.invoke(request.body, request.contentType, request.accept);
      if (response.status >= 400) {
        // The model's own words: it rejected the payload.
        throw new ValidationError(
          'body',
          new TextDecoder().decode(response.body).trim() || `the model answered ${response.status}`,
        );
      }
      await capture(request, response);
      return { contentType: response.contentType, body: response.body };
    },
    async logs(request) {
      return readLogPage(logFile(request.name), request.cursor, request.limit);
    },
    async settled(name) {
      return (await pending.get(name)) ?? (await this.describe(name))!;
    },
    async shutdown() {
      await Promise.all([...servers.values()].map((server) => server.stop()));
      servers.clear();
    },
  };
}
