/**
 * The administrator's choice of foundation models: offered from the region's list, and checked
 * against it when saved, so an id Bedrock does not offer here is named before it reaches IAM.
 * Only ids new to the configuration are checked: a list kept as it was saves without a call
 * (locally too, where Bedrock cannot be asked).
 */
import { ValidationError, type AppConfig } from '@mlspace/core';

import type { Context } from '../../context';
import { bedrockUnavailableLocally } from './sources';

export interface ModelProblem {
  /** Index in `bedrock.allowedModels`. */
  index: number;
  message: string;
}

export async function allowedModelProblems(
  ctx: Context,
  before: AppConfig | null,
  after: AppConfig,
): Promise<ModelProblem[]> {
  const kept = new Set(before?.bedrock.allowedModels ?? []);
  const added = after.bedrock.allowedModels
    .map((modelId, index) => ({ modelId, index }))
    .filter(({ modelId }) => !kept.has(modelId));
  if (added.length === 0) return [];
  const backend = ctx.compute.foundationModels;
  if (!backend)
    return added.map(({ index }) => ({
      index,
      message: `${bedrockUnavailableLocally}, so no model can be added here`,
    }));
  const offered = new Set((await backend.list()).map((model) => model.modelId));
  return added
    .filter(({ modelId }) => !offered.has(modelId))
    .map(({ modelId, index }) => ({
      index,
      message: `${modelId} is not a text model Bedrock offers on demand in ${ctx.settings.dynamoDb.region}`,
    }));
}

/** For the editor's save: the first problem, under its field. */
export async function assertAllowedModelsOffered(
  ctx: Context,
  before: AppConfig | null,
  after: AppConfig,
  field: string,
): Promise<void> {
  const [problem] = await allowedModelProblems(ctx, before, after);
  if (problem)
    throw new ValidationError(`${field}.bedrock.allowedModels.${problem.index}`, problem.message);
}
