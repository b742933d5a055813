import type { Outputs } from '../../utils/trpc';

type Capabilities = Outputs['translation']['capabilities'];

/** What translates here and what it cannot do, said plainly (Apertium locally, Amazon Translate on AWS). */
export function TranslationEngineNote({
  capabilities,
}: {
  capabilities: Capabilities | undefined;
}) {
  if (!capabilities) return null;
  const pairs =
    capabilities.pairs === 'any'
      ? 'any pair of its languages'
      : capabilities.pairs.map((pair) => `${pair.source} → ${pair.target}`).join(', ') || 'none';
  return (
    <div
      className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
      data-testid="translation-engine-note"
    >
      <p>
        <span className="font-medium">{capabilities.engine}</span> translates {pairs}.
      </p>
      {capabilities.notes.map((note) => (
        <p key={note} className="mt-1">
          {note}
        </p>
      ))}
    </div>
  );
}
