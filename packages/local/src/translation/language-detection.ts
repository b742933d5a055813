import { franc } from 'franc-min';

import { ValidationError, fromIso6393 } from '@mlspace/core';

/**
 * The language of `text` among `candidates` (Translate's codes), detected by franc's trigram
 * model; a text too short or unlike any candidate is refused, naming the field to fill instead.
 */
export function detectLanguage(text: string, candidates: readonly string[]): string {
  const only = iso6393Of(candidates);
  const detected = only.length > 0 ? franc(text, { only, minLength: 10 }) : 'und';
  const code = detected === 'und' ? null : fromIso6393(detected);
  if (!code || !candidates.includes(code))
    throw new ValidationError(
      'sourceLanguage',
      `could not tell the language of the text among ${candidates.join(', ') || 'the installed pairs'}; pick the source language`,
    );
  return code;
}

/** franc names languages in ISO 639-3; these are the ones the candidates map from. */
const francCodes: Readonly<Record<string, readonly string[]>> = {
  en: ['eng'],
  es: ['spa'],
  fr: ['fra'],
  de: ['deu'],
  it: ['ita'],
  pt: ['por'],
  ca: ['cat'],
  nl: ['nld'],
  eo: ['epo'],
  ro: ['ron'],
  gl: ['glg'],
  ru: ['rus'],
  uk: ['ukr'],
  pl: ['pol'],
  sv: ['swe'],
  da: ['dan'],
  no: ['nob'],
  cy: ['cym'],
  ar: ['arb'],
  zh: ['cmn'],
  ja: ['jpn'],
  hi: ['hin'],
  tr: ['tur'],
};

function iso6393Of(candidates: readonly string[]): string[] {
  return candidates.flatMap((code) => francCodes[code] ?? []);
}
