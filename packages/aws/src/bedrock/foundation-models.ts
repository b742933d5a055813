/**
 * The foundation models an administrator may allow: Bedrock's text models of the region that can be
 * invoked on demand (ListFoundationModels), legacy ones left out.
 */
import { ListFoundationModelsCommand, type BedrockClient } from '@aws-sdk/client-bedrock';

import type { FoundationModelSummary } from '@mlspace/core';

export async function listTextFoundationModels(
  client: BedrockClient,
): Promise<FoundationModelSummary[]> {
  const { modelSummaries } = await client.send(
    new ListFoundationModelsCommand({ byOutputModality: 'TEXT', byInferenceType: 'ON_DEMAND' }),
  );
  return (modelSummaries ?? [])
    .filter((model) => model.modelId && model.modelLifecycle?.status !== 'LEGACY')
    .map((model) => ({
      modelId: model.modelId!,
      name: model.modelName ?? model.modelId!,
      provider: model.providerName ?? '',
      streaming: model.responseStreamingSupported === true,
    }))
    .sort((a, b) => a.modelId.localeCompare(b.modelId));
}
