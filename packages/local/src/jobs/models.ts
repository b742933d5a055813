import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type EndpointConfigBackend,
  type EndpointConfigDescription,
  type ModelBackend,
  type ModelDescription,
} from '@mlspace/core';

import { readState, writeState } from './job-state';

/**
 * Local models and endpoint configs are records only (as on SageMaker, where they are definitions
 * that run nothing): a folder with `state.json` each.
 */
export function createLocalModels(rootDir: string): ModelBackend {
  const folder = (name: string) => path.join(rootDir, name);
  return {
    async create(request) {
      if (existsSync(folder(request.name)))
        throw new ConflictError(`A model named ${request.name} already exists.`);
      if (
        !request.container.modelDataS3Uri &&
        !request.container.environment?.SAGEMAKER_SUBMIT_DIRECTORY
      ) {
        throw new ValidationError(
          'container.modelDataS3Uri',
          'locally a model needs an artefact (model.tar.gz) or inference code',
        );
      }
      const description: ModelDescription = {
        name: request.name,
        status: 'Created',
        container: request.container,
        createdAt: new Date().toISOString(),
        metadata: {
          backend: 'local',
          project: request.owner.project,
          owner: request.owner.username,
        },
      };
      writeState(folder(request.name), description);
      return description;
    },
    async describe(name) {
      return readState<ModelDescription>(folder(name));
    },
    async delete(name) {
      if (!existsSync(folder(name))) throw new NotFoundError(`No model named ${name}.`);
      rmSync(folder(name), { recursive: true, force: true });
    },
  };
}

export function createLocalEndpointConfigs(
  rootDir: string,
  models: ModelBackend,
): EndpointConfigBackend {
  const folder = (name: string) => path.join(rootDir, name);
  return {
    async create(request) {
      if (existsSync(folder(request.name)))
        throw new ConflictError(`An endpoint config named ${request.name} already exists.`);
      if (request.variants.length === 0)
        throw new ValidationError('variants', 'needs at least one production variant');
      for (const [index, variant] of request.variants.entries()) {
        if (!(await models.describe(variant.modelName))) {
          throw new ValidationError(
            `variants.${index}.modelName`,
            `no model named ${variant.modelName}`,
          );
        }
      }
      const description: EndpointConfigDescription = {
        name: request.name,
        status: 'Created',
        variants: request.variants,
        ...(request.dataCapture ? { dataCapture: request.dataCapture } : {}),
        createdAt: new Date().toISOString(),
        metadata: {
          backend: 'local',
          project: request.owner.project,
          owner: request.owner.username,
        },
      };
      writeState(folder(request.name), description);
      return description;
    },
    async describe(name) {
      return readState<EndpointConfigDescription>(folder(name));
    },
    async delete(name) {
      if (!existsSync(folder(name))) throw new NotFoundError(`No endpoint config named ${name}.`);
      rmSync(folder(name), { recursive: true, force: true });
    },
  };
}
