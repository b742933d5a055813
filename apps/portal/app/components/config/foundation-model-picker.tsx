import { useState } from 'react';

import { ErrorNote } from '../ui';
import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';

const inputClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

/**
 * The Bedrock models project members may invoke (the playground, and notebooks through their
 * roles): a searchable checklist of the region's on-demand text models. A chosen id the region no
 * longer offers stays listed so it can be removed; the save names any id Bedrock does not offer.
 * Locally it says foundation models need AWS.
 */
export function FoundationModelPicker({
  selected,
  onChange,
  bedrockActive,
}: {
  selected: string[];
  onChange: (modelIds: string[]) => void;
  bedrockActive: boolean;
}) {
  const offered = trpc.config.foundationModels.useQuery();
  const [filter, setFilter] = useState('');
  const models = offered.data?.models ?? [];
  const unknown = selected.filter((id) => !models.some((model) => model.modelId === id));
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = models.filter((model) => {
    const haystack = `${model.modelId} ${model.name} ${model.provider}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const toggle = (modelId: string) =>
    onChange(
      selected.includes(modelId) ? selected.filter((id) => id !== modelId) : [...selected, modelId],
    );

  if (offered.data?.unavailableReason)
    return (
      <p
        className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
        data-testid="foundation-models-unavailable"
      >
        {offered.data.unavailableReason}. Models are chosen here once MLSpace runs on AWS; until
        then the playground talks to the projects&apos; own endpoints.
      </p>
    );
  return (
    <div className="space-y-3">
      <ErrorNote message={errorMessage(offered.error)} />
      {!bedrockActive ? (
        <p className="text-sm text-amber-800 dark:text-amber-200">
          Bedrock is deactivated above: no model can be invoked until it is activated again.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm font-medium">
          Search models
          <input
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="claude, llama, amazon…"
            className={`${inputClass} mt-1 block w-64 max-w-full`}
          />
        </label>
        <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {selected.length} of {models.length} allowed
          {offered.data?.region ? ` in ${offered.data.region}` : ''}
        </p>
      </div>
      {offered.isPending ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Asking Bedrock for its models…</p>
      ) : (
        <ul
          aria-label="Foundation models"
          className="max-h-80 divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {[
            ...unknown.map((modelId) => ({ modelId, name: modelId, provider: '', gone: true })),
            ...shown.map((model) => ({ ...model, gone: false })),
          ].map((model) => (
            <li key={model.modelId} className="px-3 py-2 text-sm">
              <label className="flex items-start gap-3">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={selected.includes(model.modelId)}
                  onChange={() => toggle(model.modelId)}
                />
                <span className="min-w-0">
                  <span className="font-medium">
                    {model.provider ? `${model.provider} ${model.name}` : model.name}
                  </span>
                  <span className="block break-all font-mono text-xs text-slate-600 dark:text-slate-400">
                    {model.gone
                      ? `${model.modelId}: not offered in this region any more`
                      : model.modelId}
                  </span>
                </span>
              </label>
            </li>
          ))}
          {shown.length === 0 && unknown.length === 0 ? (
            <li className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">
              No model matches “{filter}”.
            </li>
          ) : null}
        </ul>
      )}
    </div>
  );
}
