/**
 * One playground turn: the conversation goes to the chosen source and the reply comes back as
 * events (text as it arrives, then the tokens used), and the tokens are added to the project's
 * usage for the caller, the model and the month (ADR 017).
 */
import {
  endpointChatContentType,
  endpointChatRequest,
  parseEndpointChatReply,
  usageMonthOf,
  type PlaygroundConverseInput,
  type UserView,
} from '@mlspace/core';

import type { Context } from '../../context';
import { backendFor } from '../ml-resources';
import { assertEndpointUsable, assertModelAllowed, foundationModelsOf } from './sources';

export type PlaygroundEvent =
  | { type: 'text'; text: string }
  | {
      type: 'done';
      stopReason: string | null;
      /** Null when an endpoint does not count its tokens. */
      usage: { inputTokens: number; outputTokens: number } | null;
    };

/**
 * Checks everything a turn needs before anything is called, so a refusal is an ordinary error
 * response; then returns the reply's events, which stream as they are read.
 */
export async function startTurn(
  ctx: Context,
  user: UserView,
  input: PlaygroundConverseInput,
  now: () => Date = () => new Date(),
): Promise<AsyncGenerator<PlaygroundEvent>> {
  const usageKey = {
    project: input.project,
    username: user.username,
    source: input.source.kind,
  };
  const record = (model: string, usage: { inputTokens: number; outputTokens: number } | null) =>
    ctx.db.modelUsage.record({
      ...usageKey,
      model,
      month: usageMonthOf(now()),
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
    });

  if (input.source.kind === 'bedrock') {
    const { modelId } = input.source;
    await assertModelAllowed(ctx, modelId);
    const events = await foundationModelsOf(ctx).converse({
      modelId,
      system: input.system?.trim() || undefined,
      turns: input.messages.map((message) => ({ role: message.role, text: message.content })),
      maxTokens: input.maxTokens,
    });
    return (async function* () {
      let stopReason: string | null = null;
      for await (const event of events) {
        if (event.type === 'text') yield event;
        else if (event.type === 'stop') stopReason = event.reason;
        else {
          const usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
          await record(modelId, usage);
          yield { type: 'done', stopReason, usage };
        }
      }
    })();
  }

  const endpoint = await assertEndpointUsable(ctx, user, input.project, input.source.endpoint);
  const result = await backendFor(ctx.compute, 'endpoint').invoke({
    name: endpoint.name,
    contentType: endpointChatContentType,
    accept: endpointChatContentType,
    body: new TextEncoder().encode(endpointChatRequest(input.system, input.messages)),
  });
  const reply = parseEndpointChatReply(new TextDecoder().decode(result.body), 'source.endpoint');
  await record(endpoint.name, reply.usage);
  return (async function* () {
    yield { type: 'text', text: reply.text };
    yield { type: 'done', stopReason: null, usage: reply.usage };
  })();
}
