import * as z from 'zod';

import { computeNameSchema } from '../compute/names';
import { projectNameSchema } from '../projects';
import { s3UriSchema } from '../training/schemas';
import { autoDetectLanguage, isTranslationLanguage } from './languages';
import { terminologyFormats } from './terminologies';

/** Amazon Translate's limit for one TranslateText request, applied on both backends. */
export const maxRealtimeTextBytes = 10_000;

export const languageCodeSchema = z
  .string()
  .refine(isTranslationLanguage, 'must be a language code Amazon Translate knows, like en or es');

const sourceLanguageSchema = z
  .string()
  .refine(
    (code) => code === autoDetectLanguage || isTranslationLanguage(code),
    'must be auto or a language code Amazon Translate knows, like en',
  );

/** Amazon Translate's rule for terminology names. */
export const terminologyNameSchema = z
  .string()
  .regex(
    /^([A-Za-z0-9-]_?){1,256}$/,
    'must be letters, digits and hyphens (single underscores between them), at most 256',
  );

export const translationSettingsSchema = z.object({
  /** Amazon Translate only, for the target languages that have it. */
  formality: z.enum(['FORMAL', 'INFORMAL']).optional(),
  /** Amazon Translate only: masks profane words with `?$#@$`. */
  profanity: z.enum(['MASK']).optional(),
});
export type TranslationSettings = z.infer<typeof translationSettingsSchema>;

export const translateTextInputSchema = z
  .object({
    project: projectNameSchema,
    text: z
      .string()
      .min(1, 'is required')
      .refine(
        (text) => new TextEncoder().encode(text).length <= maxRealtimeTextBytes,
        `must be at most ${maxRealtimeTextBytes} bytes (UTF-8), as Amazon Translate allows`,
      ),
    sourceLanguage: sourceLanguageSchema,
    targetLanguage: languageCodeSchema,
    terminologyNames: z.array(terminologyNameSchema).max(1, 'may name one terminology').default([]),
    settings: translationSettingsSchema.default({}),
  })
  .refine((input) => input.sourceLanguage !== input.targetLanguage, {
    path: ['targetLanguage'],
    message: 'must differ from the source language',
  });
export type TranslateTextInput = z.infer<typeof translateTextInputSchema>;

export const importTerminologyInputSchema = z.object({
  name: terminologyNameSchema,
  description: z.string().trim().max(256, 'must be at most 256 characters').default(''),
  format: z.enum(terminologyFormats),
  /** The file's text (CSV or TMX, UTF-8). */
  content: z.string().min(1, 'is empty'),
});
export type ImportTerminologyInput = z.infer<typeof importTerminologyInputSchema>;

export const createTranslationJobInputSchema = z
  .object({
    project: projectNameSchema,
    name: computeNameSchema,
    inputS3Uri: s3UriSchema,
    outputS3Uri: s3UriSchema,
    sourceLanguage: sourceLanguageSchema,
    targetLanguages: z
      .array(languageCodeSchema)
      .min(1, 'pick at least one target language')
      .max(10, 'may name at most 10 target languages, as Amazon Translate allows')
      .refine((codes) => new Set(codes).size === codes.length, 'names a language twice'),
    terminologyNames: z.array(terminologyNameSchema).max(1, 'may name one terminology').default([]),
    settings: translationSettingsSchema.default({}),
  })
  .refine((input) => !input.targetLanguages.includes(input.sourceLanguage), {
    path: ['targetLanguages'],
    message: 'must not include the source language',
  });
export type CreateTranslationJobInput = z.infer<typeof createTranslationJobInputSchema>;
