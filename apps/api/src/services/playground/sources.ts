/**
 * What may answer in a project's playground, and the checks a turn passes before anything is
 * called: a Bedrock model the administrator allows (Bedrock active, on AWS), or one of the
 * project's own endpoints that is in service. Refusals name the field of the source.
 */
import {
  UnavailableError,
  ValidationError,
  canInvokeEndpoint,
  effectiveAllowedModels,
  serviceUnavailableReason,
  type FoundationModelBackend,
  type FoundationModelSummary,
  type ResourceRecord,
  type UserView,
} from '@mlspace/core';

import type { Context } from '../../context';
import { authorizeResource } from '../resource-access';

export const bedrockUnavailableLocally =
  'Foundation models need AWS: Bedrock is not available in local mode';

/** Why Bedrock cannot answer here, or null when it can. */
export async function bedrockUnavailableReason(ctx: Context): Promise<string | null> {
  if (serviceUnavailableReason('bedrock', ctx.configService.mode) || !ctx.compute.foundationModels)
    return bedrockUnavailableLocally;
  if (!(await ctx.configService.isServiceActive('bedrock')))
    return 'Bedrock is deactivated by your administrator';
  return null;
}

export function foundationModelsOf(ctx: Context): FoundationModelBackend {
  if (!ctx.compute.foundationModels) throw new UnavailableError(bedrockUnavailableLocally);
  return ctx.compute.foundationModels;
}

/** The allowed models, with the names the region's list gives them. */
export async function allowedModelSummaries(ctx: Context): Promise<FoundationModelSummary[]> {
  const allowed = effectiveAllowedModels(
    (await ctx.configService.current()).config,
    ctx.configService.mode,
  );
  if (allowed.length === 0) return [];
  const offered = new Map(
    (await foundationModelsOf(ctx).list()).map((model) => [model.modelId, model]),
  );
  return allowed.map(
    (modelId) => offered.get(modelId) ?? { modelId, name: modelId, provider: '', streaming: true },
  );
}

export async function assertModelAllowed(ctx: Context, modelId: string): Promise<void> {
  const field = 'source.modelId';
  const unavailable = await bedrockUnavailableReason(ctx);
  if (unavailable) throw new UnavailableError(unavailable, { field });
  const allowed = effectiveAllowedModels(
    (await ctx.configService.current()).config,
    ctx.configService.mode,
  );
  if (!allowed.includes(modelId))
    throw new ValidationError(
      field,
      allowed.length === 0
        ? `${modelId} is not allowed: your administrator allows no foundation models yet`
        : `${modelId} is not a model your administrator allows; allowed: ${allowed.join(', ')}`,
    );
}

/** The endpoint must be the project's own, in service, and invocable by the caller. */
export async function assertEndpointUsable(
  ctx: Context,
  user: UserView,
  project: string,
  name: string,
): Promise<ResourceRecord> {
  const field = 'source.endpoint';
  const unavailable = serviceUnavailableReason('endpoints', ctx.configService.mode);
  if (unavailable) throw new UnavailableError(`Endpoints are ${unavailable}`, { field });
  if (!(await ctx.configService.isServiceActive('endpoints')))
    throw new UnavailableError('Endpoints are deactivated by your administrator', { field });
  const { record } = await authorizeResource(ctx.db, user, 'endpoint', name, canInvokeEndpoint);
  if (record.project !== project)
    throw new ValidationError(field, `${name} is not an endpoint of project ${project}`);
  if (record.status !== 'InService')
    throw new ValidationError(
      field,
      `${name} is ${record.status}; the playground talks to endpoints in service`,
    );
  return record;
}
