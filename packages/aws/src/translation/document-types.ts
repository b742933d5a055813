import { ValidationError, type TranslationDocumentType } from '@mlspace/core';

/** Every document type Amazon Translate's batch jobs take, by file extension. */
export const translateDocumentTypes: readonly TranslationDocumentType[] = [
  { contentType: 'text/plain', extensions: ['.txt'], label: 'Plain text' },
  { contentType: 'text/html', extensions: ['.html', '.htm'], label: 'HTML' },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    label: 'Word',
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['.pptx'],
    label: 'PowerPoint',
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    label: 'Excel',
  },
  { contentType: 'application/x-xliff+xml', extensions: ['.xlf', '.xliff'], label: 'XLIFF' },
];

/**
 * The one content type of a job's documents. Amazon Translate takes one type per job, so the
 * input's files must share it; a folder mixing types, or holding a type Translate refuses, is
 * refused naming the input field.
 */
export function contentTypeOfInput(keys: readonly string[]): string {
  const types = new Set<string>();
  for (const key of keys) {
    const extension = key.slice(key.lastIndexOf('.')).toLowerCase();
    const type = translateDocumentTypes.find((candidate) =>
      candidate.extensions.includes(extension),
    );
    if (!type)
      throw new ValidationError(
        'inputS3Uri',
        `holds ${key.split('/').pop()}, a type Amazon Translate does not translate (it takes ${translateDocumentTypes.map((t) => t.extensions.join(', ')).join(', ')})`,
      );
    types.add(type.contentType);
  }
  if (types.size === 0) throw new ValidationError('inputS3Uri', 'holds no documents');
  if (types.size > 1)
    throw new ValidationError(
      'inputS3Uri',
      'mixes document types; Amazon Translate takes one type per job, so put each type in its own folder',
    );
  return [...types][0]!;
}
