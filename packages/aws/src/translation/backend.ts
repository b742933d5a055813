/**
 * Amazon Translate as the translation port: real-time TranslateText, terminologies (tagged with
 * the importing user and the system), and batch jobs whose data-access role is the project's own
 * (the project-user role when user-scoped roles are on), so a job reads and writes only what the
 * project may. Job names are MLSpace's resource names; Translate's job ids are found by name.
 */
import {
  DeleteTerminologyCommand,
  DescribeTextTranslationJobCommand,
  GetTerminologyCommand,
  ImportTerminologyCommand,
  ListLanguagesCommand,
  ListTagsForResourceCommand,
  ListTerminologiesCommand,
  ListTextTranslationJobsCommand,
  ResourceNotFoundException,
  StartTextTranslationJobCommand,
  StopTextTranslationJobCommand,
  TranslateTextCommand,
  type TerminologyProperties,
  type TextTranslationJobProperties,
  type TranslateClient,
} from '@aws-sdk/client-translate';
import {
  ConflictError,
  type DocumentFailure,
  type ProjectContext,
  type TerminologyStore,
  type TerminologySummary,
  type TranslationBackend,
  type TranslationJobBackend,
  type TranslationJobDescription,
} from '@mlspace/core';

import { parseTerminologyFile } from '@mlspace/core/terminology-files';

import { contentTypeOfInput, translateDocumentTypes } from './document-types';
import { jobStatusOf } from './statuses';

/** What the backend reads of the data bucket: a job's input files and its error details. */
export interface TranslationStorage {
  listKeys(s3Uri: string): Promise<string[]>;
  readText(s3Uri: string): Promise<string | null>;
}

export interface AmazonTranslateSettings {
  systemTag: string;
  kmsKeyId?: string;
  /** The role a job reads and writes as: the project's own. */
  dataAccessRoleFor(owner: ProjectContext): Promise<string>;
  storage: TranslationStorage;
  /** Fetches a presigned terminology download (GetTerminology's location). */
  download?: (url: string) => Promise<string>;
}

const maxDocumentBytes = 20 * 1024 * 1024;

function summaryOf(
  properties: TerminologyProperties | undefined,
  importedBy: string | null,
): TerminologySummary {
  return {
    name: properties?.Name ?? '',
    description: properties?.Description ?? '',
    sourceLanguage: properties?.SourceLanguageCode ?? '',
    targetLanguages: properties?.TargetLanguageCodes ?? [],
    termCount: properties?.TermCount ?? 0,
    sizeBytes: properties?.SizeBytes ?? 0,
    format: properties?.Format === 'TMX' ? 'TMX' : 'CSV',
    importedBy,
    createdAt: properties?.CreatedAt?.toISOString() ?? null,
    updatedAt: properties?.LastUpdatedAt?.toISOString() ?? null,
  };
}

export function createAmazonTranslate(
  client: TranslateClient,
  settings: AmazonTranslateSettings,
): {
  translation: TranslationBackend;
  terminologies: TerminologyStore;
  translationJobs: TranslationJobBackend;
} {
  const download = settings.download ?? (async (url: string) => (await fetch(url)).text());
  let languages: Promise<string[]> | null = null;

  async function listLanguages(): Promise<string[]> {
    const codes: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListLanguagesCommand({ NextToken: token, MaxResults: 500 }),
      );
      for (const language of page.Languages ?? [])
        if (language.LanguageCode) codes.push(language.LanguageCode);
      token = page.NextToken;
    } while (token);
    return codes;
  }

  async function importedByOf(arn: string | undefined): Promise<string | null> {
    if (!arn) return null;
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    return Tags?.find((tag) => tag.Key === 'user')?.Value ?? null;
  }

  async function jobByName(name: string): Promise<TextTranslationJobProperties | null> {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListTextTranslationJobsCommand({ Filter: { JobName: name }, NextToken: token }),
      );
      const found = page.TextTranslationJobPropertiesList?.find((job) => job.JobName === name);
      if (found?.JobId) {
        const { TextTranslationJobProperties: job } = await client.send(
          new DescribeTextTranslationJobCommand({ JobId: found.JobId }),
        );
        return job ?? null;
      }
      token = page.NextToken;
    } while (token);
    return null;
  }

  /** The per-document errors Translate writes to `details/<language>.auxiliary-translation-details.json`. */
  async function failuresOf(job: TextTranslationJobProperties): Promise<DocumentFailure[]> {
    const output = job.OutputDataConfig?.S3Uri;
    if (!output || !job.JobId) return [];
    const failures: DocumentFailure[] = [];
    for (const language of job.TargetLanguageCodes ?? []) {
      try {
        const text = await settings.storage.readText(
          `${output.replace(/\/?$/, '/')}details/${language}.auxiliary-translation-details.json`,
        );
        if (!text) continue;
        const details = JSON.parse(text) as {
          details?: {
            sourceFile?: string;
            auxiliaryData?: { error?: { errorCode?: string; errorMessage?: string } };
          }[];
        };
        for (const detail of details.details ?? []) {
          const error = detail.auxiliaryData?.error;
          if (error)
            failures.push({
              document: detail.sourceFile ?? '(unknown)',
              targetLanguage: language,
              reason: `${error.errorCode ?? 'Error'}: ${error.errorMessage ?? ''}`.trim(),
            });
        }
      } catch {
        // As the reference did: a describe still answers when the details cannot be read.
      }
    }
    return failures;
  }

  async function describe(job: TextTranslationJobProperties): Promise<TranslationJobDescription> {
    const status = jobStatusOf(job.JobStatus);
    const details = job.JobDetails;
    return {
      name: job.JobName ?? '',
      status,
      failureReason: job.JobStatus === 'FAILED' ? job.Message : undefined,
      sourceLanguage: job.SourceLanguageCode ?? '',
      targetLanguages: job.TargetLanguageCodes ?? [],
      outputS3Uri: job.OutputDataConfig?.S3Uri ?? '',
      documents: {
        input: details?.InputDocumentsCount ?? 0,
        translated: details?.TranslatedDocumentsCount ?? 0,
        failed: details?.DocumentsWithErrorsCount ?? 0,
      },
      failures:
        job.JobStatus === 'COMPLETED_WITH_ERROR' || job.JobStatus === 'FAILED'
          ? await failuresOf(job)
          : [],
      createdAt: job.SubmittedTime?.toISOString(),
      endedAt: job.EndTime?.toISOString(),
      metadata: { jobId: job.JobId ?? '' },
    };
  }

  const translation: TranslationBackend = {
    async capabilities() {
      const codes = await (languages ??= listLanguages().catch((error: unknown) => {
        languages = null;
        throw error;
      }));
      return {
        engine: 'Amazon Translate',
        pairs: 'any',
        languages: codes.filter((code) => code !== 'auto'),
        autoDetect: true,
        formality: true,
        profanity: true,
        notes: [],
        documentTypes: translateDocumentTypes,
        maxDocumentBytes,
      };
    },
    async translateText(request) {
      const result = await client.send(
        new TranslateTextCommand({
          Text: request.text,
          SourceLanguageCode: request.sourceLanguage,
          TargetLanguageCode: request.targetLanguage,
          TerminologyNames:
            request.terminologyNames.length > 0 ? [...request.terminologyNames] : undefined,
          Settings:
            request.settings.formality || request.settings.profanity
              ? { Formality: request.settings.formality, Profanity: request.settings.profanity }
              : undefined,
        }),
      );
      return {
        text: result.TranslatedText ?? '',
        sourceLanguage: result.SourceLanguageCode ?? request.sourceLanguage,
        targetLanguage: result.TargetLanguageCode ?? request.targetLanguage,
        appliedTerms: (result.AppliedTerminologies ?? []).flatMap((applied) =>
          (applied.Terms ?? []).map((term) => ({
            source: term.SourceText ?? '',
            target: term.TargetText ?? '',
          })),
        ),
      };
    },
  };

  const terminologies: TerminologyStore = {
    async import(request) {
      // ImportTerminology's OVERWRITE would replace another user's terminology silently.
      if (await terminologies.get(request.name).catch(() => null))
        throw new ConflictError(`A terminology named ${request.name} already exists`);
      const { TerminologyProperties: properties } = await client.send(
        new ImportTerminologyCommand({
          Name: request.name,
          Description: request.description || undefined,
          MergeStrategy: 'OVERWRITE',
          TerminologyData: {
            File: new TextEncoder().encode(request.content),
            Format: request.format,
            Directionality: 'UNI',
          },
          EncryptionKey: settings.kmsKeyId ? { Type: 'KMS', Id: settings.kmsKeyId } : undefined,
          Tags: [
            { Key: 'user', Value: request.importedBy },
            { Key: 'system', Value: settings.systemTag },
          ],
        }),
      );
      return summaryOf(properties, request.importedBy);
    },
    async list({ cursor, limit }) {
      const page = await client.send(
        new ListTerminologiesCommand({ NextToken: cursor ?? undefined, MaxResults: limit }),
      );
      return {
        items: (page.TerminologyPropertiesList ?? []).map((properties) =>
          summaryOf(properties, null),
        ),
        cursor: page.NextToken ?? null,
      };
    },
    async get(name) {
      try {
        const result = await client.send(
          new GetTerminologyCommand({ Name: name, TerminologyDataFormat: 'CSV' }),
        );
        const location = result.TerminologyDataLocation?.Location;
        const entries = location
          ? parseTerminologyFile('CSV', await download(location)).entries
          : [];
        return {
          ...summaryOf(
            result.TerminologyProperties,
            await importedByOf(result.TerminologyProperties?.Arn),
          ),
          entries,
        };
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return null;
        throw error;
      }
    },
    async delete(name) {
      await client.send(new DeleteTerminologyCommand({ Name: name }));
    },
  };

  const translationJobs: TranslationJobBackend = {
    async create(request) {
      const contentType = contentTypeOfInput(await settings.storage.listKeys(request.inputS3Uri));
      const started = await client.send(
        new StartTextTranslationJobCommand({
          JobName: request.name,
          InputDataConfig: { S3Uri: request.inputS3Uri, ContentType: contentType },
          OutputDataConfig: {
            S3Uri: request.outputS3Uri,
            EncryptionKey: settings.kmsKeyId ? { Type: 'KMS', Id: settings.kmsKeyId } : undefined,
          },
          DataAccessRoleArn: await settings.dataAccessRoleFor(request.owner),
          SourceLanguageCode: request.sourceLanguage,
          TargetLanguageCodes: [...request.targetLanguages],
          TerminologyNames:
            request.terminologyNames.length > 0 ? [...request.terminologyNames] : undefined,
          Settings:
            request.settings.formality || request.settings.profanity
              ? { Formality: request.settings.formality, Profanity: request.settings.profanity }
              : undefined,
          ClientToken: `${request.owner.project}-${request.name}`,
        }),
      );
      return {
        name: request.name,
        status: jobStatusOf(started.JobStatus),
        sourceLanguage: request.sourceLanguage,
        targetLanguages: [...request.targetLanguages],
        outputS3Uri: request.outputS3Uri,
        documents: { input: 0, translated: 0, failed: 0 },
        failures: [],
        metadata: { jobId: started.JobId ?? '' },
      };
    },
    async describe(name) {
      const job = await jobByName(name);
      return job ? describe(job) : null;
    },
    async stop(name) {
      const job = await jobByName(name);
      if (job?.JobId && ['SUBMITTED', 'IN_PROGRESS'].includes(job.JobStatus ?? ''))
        await client.send(new StopTextTranslationJobCommand({ JobId: job.JobId }));
    },
  };

  return { translation, terminologies, translationJobs };
}
