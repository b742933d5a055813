/**
 * Bedrock as the compute port's foundation models (ADR 017), called as the API's own role: the
 * playground's procedures check the allowed models and membership before any call. Whether a
 * model streams is read from the region's list (kept a few minutes), so a model that does not
 * stream is asked through Converse instead.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

import type { FoundationModelBackend, FoundationModelSummary } from '@mlspace/core';

import { controlPlaneCallLimits } from '../client-limits';
import { converseOnce, converseStream } from './converse';
import { listTextFoundationModels } from './foundation-models';

export interface BedrockClients {
  bedrock: BedrockClient;
  runtime: BedrockRuntimeClient;
}

export function bedrockClients(region: string): BedrockClients {
  return {
    bedrock: new BedrockClient({ region, ...controlPlaneCallLimits }),
    runtime: new BedrockRuntimeClient({ region }),
  };
}

export function createBedrockFoundationModels(
  clients: BedrockClients,
  options: { listCacheMs?: number; now?: () => number } = {},
): FoundationModelBackend {
  const cacheMs = options.listCacheMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; models: FoundationModelSummary[] } | undefined;
  const list = async () => {
    if (cached && now() - cached.at < cacheMs) return cached.models;
    const models = await listTextFoundationModels(clients.bedrock);
    cached = { at: now(), models };
    return models;
  };
  return {
    list,
    async converse(request) {
      const model = (await list()).find((candidate) => candidate.modelId === request.modelId);
      return model?.streaming === false
        ? converseOnce(clients.runtime, request)
        : converseStream(clients.runtime, request);
    },
  };
}
