/**
 * The JSON contract by which the playground talks to a project's own endpoint that serves a text
 * model: it sends `{"messages":[{"role","content"}]}` (the system prompt first, as role `system`)
 * and accepts `{"text"}`, `{"generated_text"}` or Hugging Face's `[{"generated_text"}]`, with an
 * optional `"usage": {"inputTokens", "outputTokens"}` when the model counts its own tokens.
 */
import { ValidationError } from '../errors';

export interface EndpointChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface EndpointChatReply {
  text: string;
  usage: { inputTokens: number; outputTokens: number } | null;
}

export const endpointChatContentType = 'application/json';

export function endpointChatRequest(
  system: string | undefined,
  messages: readonly { role: 'user' | 'assistant'; content: string }[],
): string {
  const all: EndpointChatMessage[] = [
    ...(system?.trim() ? [{ role: 'system' as const, content: system }] : []),
    ...messages,
  ];
  return JSON.stringify({ messages: all });
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Reads an endpoint's answer; one that breaks the contract is refused naming `field`. */
export function parseEndpointChatReply(body: string, field: string): EndpointChatReply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ValidationError(
      field,
      `the endpoint did not answer JSON; a text model answers {"text": "…"} or {"generated_text": "…"} (it sent ${JSON.stringify(body.slice(0, 80))})`,
    );
  }
  const reply = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown> | null;
  const text =
    reply && typeof reply === 'object'
      ? typeof reply.text === 'string'
        ? reply.text
        : reply.generated_text
      : undefined;
  if (typeof text !== 'string')
    throw new ValidationError(
      field,
      `the endpoint's answer has no "text" or "generated_text"; a text model answers {"text": "…"} (it sent ${JSON.stringify(body.slice(0, 80))})`,
    );
  const usage = reply?.usage as Record<string, unknown> | undefined;
  return {
    text,
    usage:
      usage && isCount(usage.inputTokens) && isCount(usage.outputTokens)
        ? { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }
        : null,
  };
}
