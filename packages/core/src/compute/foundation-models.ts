/**
 * Foundation models through the compute-backend port: Bedrock on AWS; absent locally, where the
 * playground talks to the project's own endpoints instead (ADR 017).
 */

/** A model an administrator may allow: on-demand, text out. */
export interface FoundationModelSummary {
  modelId: string;
  name: string;
  provider: string;
  /** Whether it answers through ConverseStream (the playground streams). */
  streaming: boolean;
}

export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface ConverseRequest {
  modelId: string;
  turns: readonly ConversationTurn[];
  system?: string;
  maxTokens?: number;
}

/** What a streamed reply is made of: text deltas, then why it stopped and the tokens used. */
export type ConverseEvent =
  | { type: 'text'; text: string }
  | { type: 'stop'; reason: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number };

export interface FoundationModelBackend {
  /** The region's text models that can be invoked on demand. */
  list(): Promise<FoundationModelSummary[]>;
  /** Starts a conversation turn; the reply streams as the iterable is read. */
  converse(request: ConverseRequest): Promise<AsyncIterable<ConverseEvent>>;
}
