/**
 * Real-time translation with Apertium: the pair must be installed, the source may be detected, and
 * the terminologies' terms are protected from the engine and put back (protected-terms.ts).
 */
import {
  ValidationError,
  autoDetectLanguage,
  languageLabel,
  type TranslateTextResult,
  type TranslationSettings,
} from '@mlspace/core';

import type { ApertiumEngine } from './apertium-engine';
import type { ApertiumPair } from './apertium-pairs';
import { detectLanguage } from './language-detection';
import { escapeHtml, protectTerms, restoreTerms, unescapeHtml } from './protected-terms';
import type { LocalTerminologyStore } from './terminology-store';

export interface LocalTranslator {
  translate(request: {
    text: string;
    format: 'text' | 'html';
    sourceLanguage: string;
    targetLanguage: string;
    terminologyNames: readonly string[];
    settings: TranslationSettings;
    /** The input's field name in errors (`sourceLanguage` or `sourceLanguages`...). */
    field?: string;
  }): Promise<TranslateTextResult>;
}

export function unsupportedSettings(settings: TranslationSettings): string | null {
  if (settings.formality) return 'settings.formality';
  if (settings.profanity) return 'settings.profanity';
  return null;
}

export function createLocalTranslator(options: {
  pairs: () => readonly ApertiumPair[];
  engine: ApertiumEngine;
  terminologies: LocalTerminologyStore;
}): LocalTranslator {
  return {
    async translate(request) {
      const unsupported = unsupportedSettings(request.settings);
      if (unsupported)
        throw new ValidationError(
          unsupported,
          'is not supported by Apertium, the local translation engine (Amazon Translate has it on AWS)',
        );
      const pairs = options.pairs();
      const sourceLanguage =
        request.sourceLanguage === autoDetectLanguage
          ? detectLanguage(
              request.format === 'html' ? request.text.replace(/<[^>]*>/g, ' ') : request.text,
              [...new Set(pairs.map((pair) => pair.source))],
            )
          : request.sourceLanguage;
      const pair = pairs.find(
        (candidate) =>
          candidate.source === sourceLanguage && candidate.target === request.targetLanguage,
      );
      if (!pair)
        throw new ValidationError(
          'targetLanguage',
          `${languageLabel(sourceLanguage)} to ${languageLabel(request.targetLanguage)} is not an installed Apertium pair (installed: ${pairs.map((p) => `${p.source}->${p.target}`).join(', ') || 'none'})`,
        );
      const entries = options.terminologies
        .entriesOf(request.terminologyNames)
        .filter((terminology) => terminology.sourceLanguage === sourceLanguage)
        .flatMap((terminology) => terminology.entries);
      const html = request.format === 'html' ? request.text : escapeHtml(request.text);
      const { markup, replacements, applied } = protectTerms(html, entries, pair.target);
      const translated = restoreTerms(
        await options.engine.translateHtml(pair.mode, markup),
        replacements,
      );
      return {
        text: request.format === 'html' ? translated : unescapeHtml(translated),
        sourceLanguage,
        targetLanguage: pair.target,
        appliedTerms: applied,
      };
    },
  };
}
