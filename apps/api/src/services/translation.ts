/**
 * Translation through the compute backend's translation port (Apertium locally, Amazon Translate
 * on AWS): what it offers, and the checks every request passes before it reaches the engine, so a
 * refusal names the field on both backends alike.
 */
import {
  UnavailableError,
  ValidationError,
  autoDetectLanguage,
  languageLabel,
  type ComputeBackend,
  type TerminologyStore,
  type TranslationBackend,
  type TranslationCapabilities,
  type TranslationSettings,
} from '@mlspace/core';

export function translationOf(compute: ComputeBackend): TranslationBackend {
  if (!compute.translation)
    throw new UnavailableError(`Translation is not available on the ${compute.name} backend here`);
  return compute.translation;
}

export function terminologiesOf(compute: ComputeBackend): TerminologyStore {
  if (!compute.terminologies)
    throw new UnavailableError(
      `Terminologies are not available on the ${compute.name} backend here`,
    );
  return compute.terminologies;
}

/** Formality and profanity masking only where the engine has them. */
export function assertSettingsSupported(
  capabilities: TranslationCapabilities,
  settings: TranslationSettings,
): void {
  if (settings.formality && !capabilities.formality)
    throw new ValidationError('settings.formality', `is not supported by ${capabilities.engine}`);
  if (settings.profanity && !capabilities.profanity)
    throw new ValidationError('settings.profanity', `is not supported by ${capabilities.engine}`);
}

/** Each target must be reachable from the source (any installed source when it is detected). */
export function assertPairsOffered(
  capabilities: TranslationCapabilities,
  sourceLanguage: string,
  targetLanguages: readonly string[],
  field: string,
): void {
  const { pairs } = capabilities;
  if (sourceLanguage === autoDetectLanguage && !capabilities.autoDetect)
    throw new ValidationError('sourceLanguage', `${capabilities.engine} cannot detect languages`);
  for (const target of targetLanguages) {
    const offered =
      pairs === 'any'
        ? capabilities.languages.includes(target) &&
          (sourceLanguage === autoDetectLanguage || capabilities.languages.includes(sourceLanguage))
        : pairs.some(
            (pair) =>
              pair.target === target &&
              (sourceLanguage === autoDetectLanguage || pair.source === sourceLanguage),
          );
    if (!offered)
      throw new ValidationError(
        field,
        sourceLanguage === autoDetectLanguage
          ? `${capabilities.engine} translates into ${languageLabel(target)} from no installed language`
          : `${capabilities.engine} does not translate ${languageLabel(sourceLanguage)} into ${languageLabel(target)} here`,
      );
  }
}

/** Names the first terminology that does not exist. */
export async function assertTerminologiesExist(
  terminologies: TerminologyStore,
  names: readonly string[],
): Promise<void> {
  for (const name of names) {
    if (!(await terminologies.get(name)))
      throw new ValidationError('terminologyNames', `there is no terminology named ${name}`);
  }
}
