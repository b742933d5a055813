import type { PlaygroundOptions } from './sources';

const noteClass =
  'rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100';

/**
 * What can answer here, said plainly: foundation models need AWS (and an administrator's choice),
 * and an endpoint must serve a text model in service.
 */
export function PlaygroundSourceNotes({ options }: { options: PlaygroundOptions }) {
  const { bedrock, endpoints } = options;
  return (
    <div className="mb-4 space-y-2" data-testid="playground-notes">
      {bedrock.unavailableReason ? (
        <p className={noteClass}>
          <span className="font-medium">{bedrock.unavailableReason}.</span>{' '}
          {endpoints.unavailableReason
            ? null
            : 'Here the playground talks to the endpoints of this project that serve a text model.'}
        </p>
      ) : bedrock.models.length === 0 ? (
        <p className={noteClass}>
          Your administrator allows no foundation models yet; they are chosen in the configuration
          (Foundation models).
        </p>
      ) : null}
      {endpoints.unavailableReason ? (
        <p className={noteClass}>{endpoints.unavailableReason}.</p>
      ) : endpoints.names.length === 0 ? (
        <p className={noteClass}>
          No endpoint of this project is in service. Deploy a model that answers the chat contract
          below on an endpoint to talk to it here.
        </p>
      ) : null}
      <details className="text-sm text-slate-700 dark:text-slate-300">
        <summary className="cursor-pointer font-medium">
          How an endpoint answers the playground
        </summary>
        <p className="mt-1">
          The playground sends the endpoint <code>application/json</code>:{' '}
          <code>{'{"messages": [{"role": "system" | "user" | "assistant", "content": "…"}]}'}</code>{' '}
          (the system prompt first), and reads <code>{'{"text": "…"}'}</code>,{' '}
          <code>{'{"generated_text": "…"}'}</code> or <code>{'[{"generated_text": "…"}]'}</code>,
          with <code>{'"usage": {"inputTokens": n, "outputTokens": n}'}</code> when the model counts
          its tokens.
        </p>
      </details>
    </div>
  );
}
