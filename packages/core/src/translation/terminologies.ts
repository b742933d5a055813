/** What a custom terminology is, on both backends (the file reader is terminology-files.ts). */
export const terminologyFormats = ['CSV', 'TMX'] as const;
export type TerminologyFormat = (typeof terminologyFormats)[number];

/** Amazon Translate's limit for one terminology file. */
export const maxTerminologyFileBytes = 10 * 1024 * 1024;

export interface TerminologyEntry {
  source: string;
  /** The term in each target language the file gives it in. */
  targets: Record<string, string>;
}

export interface ParsedTerminology {
  sourceLanguage: string;
  targetLanguages: string[];
  entries: TerminologyEntry[];
}
