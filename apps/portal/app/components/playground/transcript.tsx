export interface TokensUsed {
  inputTokens: number;
  outputTokens: number;
}

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
  /** Who answered (assistant turns). */
  answeredBy?: string;
  /** Tokens of the reply; null when an endpoint does not count them. */
  usage?: TokensUsed | null;
}

function tokensText(usage: TokensUsed | null | undefined): string {
  if (usage === undefined) return '';
  if (usage === null) return 'The endpoint did not report tokens.';
  return `${usage.inputTokens} input tokens, ${usage.outputTokens} output tokens`;
}

/** The conversation so far, and the reply while it streams in. */
export function Transcript({
  turns,
  streaming,
}: {
  turns: Turn[];
  /** The reply arriving now (null when none is). */
  streaming: { answeredBy: string; text: string } | null;
}) {
  const total = turns.reduce(
    (sum, turn) => ({
      inputTokens: sum.inputTokens + (turn.usage?.inputTokens ?? 0),
      outputTokens: sum.outputTokens + (turn.usage?.outputTokens ?? 0),
    }),
    { inputTokens: 0, outputTokens: 0 },
  );
  const replies = turns.filter((turn) => turn.role === 'assistant').length;
  return (
    <section aria-labelledby="playground-conversation" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="playground-conversation" className="text-sm font-medium">
          Conversation
        </h3>
        {replies > 0 ? (
          <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="playground-total">
            This conversation: {total.inputTokens} input tokens, {total.outputTokens} output tokens
          </p>
        ) : null}
      </div>
      {/* A log region around the list, so the turns stay list items for assistive technology. */}
      <div
        role="log"
        aria-labelledby="playground-conversation"
        aria-busy={streaming !== null}
        className="min-h-40 rounded-md border border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-900"
      >
        <ol className="space-y-3">
          {turns.length === 0 && !streaming ? (
            <li className="text-sm text-slate-600 dark:text-slate-400">
              Nothing said yet: write a message below.
            </li>
          ) : null}
          {turns.map((turn, index) => (
            <li key={index} data-testid={`turn-${turn.role}`} className="text-sm">
              <p className="text-xs font-medium text-slate-600 dark:text-slate-400">
                {turn.role === 'user' ? 'You' : turn.answeredBy}
              </p>
              <p className="whitespace-pre-wrap break-words">{turn.content}</p>
              {turn.role === 'assistant' ? (
                <p
                  className="mt-1 text-xs text-slate-600 dark:text-slate-400"
                  data-testid="turn-tokens"
                >
                  {tokensText(turn.usage)}
                </p>
              ) : null}
            </li>
          ))}
          {streaming ? (
            <li data-testid="turn-streaming" className="text-sm">
              <p className="text-xs font-medium text-slate-600 dark:text-slate-400">
                {streaming.answeredBy}
              </p>
              <p className="whitespace-pre-wrap break-words">{streaming.text || '…'}</p>
            </li>
          ) : null}
        </ol>
      </div>
    </section>
  );
}
