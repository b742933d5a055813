/**
 * A conversation sent to a foundation model: through ConverseStream when the model streams (the
 * reply arrives as text deltas), through Converse when it does not (one text); either way it ends
 * with the stop reason and the tokens used (Bedrock's usage), which MLSpace records per project
 * and user.
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';

import type { ConverseEvent, ConverseRequest } from '@mlspace/core';

function commandInput(request: ConverseRequest) {
  const messages: Message[] = request.turns.map((turn) => ({
    role: turn.role,
    content: [{ text: turn.text }],
  }));
  return {
    modelId: request.modelId,
    messages,
    system: request.system ? [{ text: request.system }] : undefined,
    inferenceConfig: { maxTokens: request.maxTokens },
  };
}

export async function* converseStream(
  client: BedrockRuntimeClient,
  request: ConverseRequest,
): AsyncGenerator<ConverseEvent> {
  const response = await client.send(new ConverseStreamCommand(commandInput(request)));
  for await (const event of response.stream ?? []) {
    const delta = event.contentBlockDelta?.delta?.text;
    if (delta) yield { type: 'text', text: delta };
    if (event.messageStop?.stopReason) yield { type: 'stop', reason: event.messageStop.stopReason };
    const usage = event.metadata?.usage;
    if (usage)
      yield {
        type: 'usage',
        inputTokens: usage.inputTokens ?? 0,
        outputTokens: usage.outputTokens ?? 0,
      };
  }
}

/** For models that do not stream: the whole reply as one text event. */
export async function* converseOnce(
  client: BedrockRuntimeClient,
  request: ConverseRequest,
): AsyncGenerator<ConverseEvent> {
  const response = await client.send(new ConverseCommand(commandInput(request)));
  const text = (response.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
  if (text) yield { type: 'text', text };
  if (response.stopReason) yield { type: 'stop', reason: response.stopReason };
  yield {
    type: 'usage',
    inputTokens: response.usage?.inputTokens ?? 0,
    outputTokens: response.usage?.outputTokens ?? 0,
  };
}
