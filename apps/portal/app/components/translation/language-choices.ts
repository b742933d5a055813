import type { Outputs } from '../../utils/trpc';

type Capabilities = Outputs['translation']['capabilities'];

/** Sources: auto-detection first where the engine has it, then its languages. */
export function sourceChoices(capabilities: Capabilities | undefined) {
  if (!capabilities) return [];
  const sources =
    capabilities.pairs === 'any'
      ? capabilities.languages
      : [...new Set(capabilities.pairs.map((pair) => pair.source))];
  return [
    ...(capabilities.autoDetect ? [{ value: 'auto', label: 'Detect the language' }] : []),
    ...sources.map((code) => ({ value: code, label: capabilities.languageLabels[code] ?? code })),
  ];
}

/** Targets the engine reaches from `source` (any installed target when it is detected). */
export function targetChoices(capabilities: Capabilities | undefined, source: string) {
  if (!capabilities) return [];
  const targets =
    capabilities.pairs === 'any'
      ? capabilities.languages.filter((code) => code !== source)
      : [
          ...new Set(
            capabilities.pairs
              .filter((pair) => source === 'auto' || pair.source === source)
              .map((pair) => pair.target),
          ),
        ];
  return targets.map((code) => ({ value: code, label: capabilities.languageLabels[code] ?? code }));
}
