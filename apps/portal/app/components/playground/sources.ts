import type { PlaygroundSource } from '@mlspace/core';

import type { Outputs } from '../../utils/trpc';

export type PlaygroundOptions = Outputs['playground']['options'];

/** A source as one select value: `bedrock:<model id>` or `endpoint:<name>`. */
export function sourceKey(source: PlaygroundSource | null): string {
  if (!source) return '';
  return source.kind === 'bedrock' ? `bedrock:${source.modelId}` : `endpoint:${source.endpoint}`;
}

export function sourceFromKey(key: string): PlaygroundSource | null {
  const [kind, ...rest] = key.split(':');
  const id = rest.join(':');
  if (!id) return null;
  if (kind === 'bedrock') return { kind: 'bedrock', modelId: id };
  if (kind === 'endpoint') return { kind: 'endpoint', endpoint: id };
  return null;
}

/** What answers first: the first allowed model, else the first endpoint in service. */
export function firstSource(options: PlaygroundOptions | undefined): PlaygroundSource | null {
  const model = options?.bedrock.models[0];
  if (model) return { kind: 'bedrock', modelId: model.modelId };
  const endpoint = options?.endpoints.names[0];
  return endpoint ? { kind: 'endpoint', endpoint } : null;
}

/** How a source is named in the conversation ("Claude 3 Haiku", "Endpoint chat-echo"). */
export function sourceLabel(options: PlaygroundOptions | undefined, source: PlaygroundSource) {
  if (source.kind === 'endpoint') return `Endpoint ${source.endpoint}`;
  return (
    options?.bedrock.models.find((model) => model.modelId === source.modelId)?.name ??
    source.modelId
  );
}
