/**
 * A conversation sent to a foundation model through ConverseStream: the reply arrives as text
 * deltas, then the tokens used (Bedrock's metadata event), which MLSpace records per project and
 * user.
 */
import {
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';

export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

export type ConverseEvent =
  | { type: 'text'; text: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  | { type: 'stop'; reason: string };

export async function* converseStream(
  client: BedrockRuntimeClient,
  request: {
    modelId: string;
    turns: readonly ConversationTurn[];
    system?: string;
    maxTokens?: number;
    temperature?: number;
  },
): AsyncGenerator<ConverseEvent> {
  const messages: Message[] = request.turns.map((turn) => ({
    role: turn.role,
    content: [{ text: turn.text }],
  }));
  const response = await client.send(
    new ConverseStreamCommand({
      modelId: request.modelId,
      messages,
      system: request.system ? [{ text: request.system }] : undefined,
      inferenceConfig: {
        maxTokens: request.maxTokens,
        temperature: request.temperature,
      },
    }),
  );
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
