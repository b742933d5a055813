/**
 * The local translation backend: Apertium for real-time and batch translation of the installed
 * pairs, terminologies kept on disk and enforced by protecting their terms from the engine.
 */
import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';
import type { ComputeEventBus, TerminologyStore, TranslationBackend } from '@mlspace/core';

import { defaultApertiumEngine, type ApertiumEngine } from './apertium-engine';
import { defaultApertiumModesDir, installedApertiumPairs } from './apertium-pairs';
import {
  createLocalTranslationJobs,
  defaultLocalMaxDocumentBytes,
  localDocumentTypes,
  type LocalTranslationJobs,
} from './batch-jobs';
import { createLocalTerminologyStore } from './terminology-store';
import { createLocalTranslator } from './translator';

export interface LocalTranslationOptions {
  /** `<data dir>/.mlspace`: terminologies and jobs get folders below it. */
  rootDir: string;
  events: ComputeEventBus;
  /** Without local S3 there are no batch jobs. */
  s3?: S3Client;
  modesDir?: string;
  /** The engine; by default apertium-apy when installed, else apertium per request. */
  engine?: ApertiumEngine;
  maxDocumentBytes?: number;
}

export interface LocalTranslation {
  translation: TranslationBackend;
  terminologies: TerminologyStore;
  translationJobs?: LocalTranslationJobs;
  shutdown(): Promise<void>;
}

export function createLocalTranslation(options: LocalTranslationOptions): LocalTranslation {
  const modesDir = options.modesDir ?? defaultApertiumModesDir;
  const engine = options.engine ?? defaultApertiumEngine({ modesDir });
  const terminologies = createLocalTerminologyStore(path.join(options.rootDir, 'terminologies'));
  // Read per request, so a pair installed while MLSpace runs is offered at once.
  const pairs = () => installedApertiumPairs(modesDir);
  const translator = createLocalTranslator({ pairs, engine, terminologies });
  const maxDocumentBytes = options.maxDocumentBytes ?? defaultLocalMaxDocumentBytes;
  const translationJobs = options.s3
    ? createLocalTranslationJobs({
        s3: options.s3,
        rootDir: path.join(options.rootDir, 'translation-jobs'),
        events: options.events,
        translator,
        maxDocumentBytes,
      })
    : undefined;

  const translation: TranslationBackend = {
    async capabilities() {
      const installed = pairs();
      return {
        engine: 'Apertium',
        pairs: installed.map(({ source, target }) => ({ source, target })),
        languages: [...new Set(installed.flatMap((pair) => [pair.source, pair.target]))],
        autoDetect: true,
        formality: false,
        profanity: false,
        notes: [
          'Formality and profanity masking are not supported by Apertium, the local engine; Amazon Translate has them on AWS.',
          ...(installed.length === 0
            ? [
                'No Apertium language pairs are installed: apt-get install apertium apertium-apy apertium-eng-spa (or another apertium-<pair>).',
              ]
            : []),
        ],
        documentTypes: localDocumentTypes,
        maxDocumentBytes,
      };
    },
    async translateText(request) {
      return translator.translate({ ...request, format: 'text' });
    },
  };

  return {
    translation,
    terminologies,
    translationJobs,
    async shutdown() {
      await translationJobs?.shutdown();
      await engine.stop();
    },
  };
}
