import type { ParsedTerminology, TerminologyFormat } from '../translation/terminologies';
import type { TranslationSettings } from '../translation/schemas';
import type { ProjectContext } from './owner';
import type { TrainingJobStatus } from './status';

/** A document type a backend translates in batch, chosen by the file's extension. */
export interface TranslationDocumentType {
  contentType: string;
  extensions: readonly string[];
  label: string;
}

/** What a backend offers, for forms and for refusing early with a clear reason. */
export interface TranslationCapabilities {
  engine: string;
  /** The language pairs it translates (source -> target), or `any` among its languages. */
  pairs: 'any' | readonly { source: string; target: string }[];
  /** Codes it takes (source or target). */
  languages: readonly string[];
  autoDetect: boolean;
  formality: boolean;
  profanity: boolean;
  /** What the engine cannot do, said plainly (shown next to the disabled options). */
  notes: readonly string[];
  documentTypes: readonly TranslationDocumentType[];
  /** Documents larger than this fail with their reason while the others complete. */
  maxDocumentBytes: number;
}

export interface TranslateTextRequest {
  text: string;
  /** A code, or `auto`. */
  sourceLanguage: string;
  targetLanguage: string;
  /** Names in the backend's terminology store; the API has checked they exist. */
  terminologyNames: readonly string[];
  settings: TranslationSettings;
}

export interface TranslateTextResult {
  text: string;
  sourceLanguage: string;
  targetLanguage: string;
  /** Source terms of the terminologies that occurred in the text and were applied. */
  appliedTerms: { source: string; target: string }[];
}

/** What MLSpace keeps of a terminology besides its entries. */
export interface TerminologySummary {
  name: string;
  description: string;
  sourceLanguage: string;
  targetLanguages: string[];
  termCount: number;
  sizeBytes: number;
  format: TerminologyFormat;
  importedBy: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface TerminologyDetail extends TerminologySummary {
  entries: ParsedTerminology['entries'];
}

export interface ImportTerminologyRequest {
  name: string;
  description: string;
  format: TerminologyFormat;
  content: string;
  parsed: ParsedTerminology;
  importedBy: string;
}

/** Terminologies are shared by every user, as Amazon Translate's are across an account. */
export interface TerminologyStore {
  import(request: ImportTerminologyRequest): Promise<TerminologySummary>;
  list(page: { cursor?: string | null; limit: number }): Promise<{
    items: TerminologySummary[];
    cursor: string | null;
  }>;
  get(name: string): Promise<TerminologyDetail | null>;
  delete(name: string): Promise<void>;
}

export interface CreateTranslationJobRequest {
  name: string;
  owner: ProjectContext;
  inputS3Uri: string;
  outputS3Uri: string;
  sourceLanguage: string;
  targetLanguages: readonly string[];
  terminologyNames: readonly string[];
  settings: TranslationSettings;
}

export interface DocumentFailure {
  /** The input file's path below the input location. */
  document: string;
  targetLanguage?: string;
  reason: string;
}

/**
 * A batch translation job. Amazon Translate's statuses are mapped onto the job words the other
 * jobs use (SUBMITTED and IN_PROGRESS are InProgress; COMPLETED_WITH_ERROR is Completed with
 * failed documents), so lists, cascades and the sweep treat it like any job.
 */
export interface TranslationJobDescription {
  name: string;
  status: TrainingJobStatus;
  failureReason?: string;
  sourceLanguage: string;
  targetLanguages: string[];
  outputS3Uri: string;
  documents: { input: number; translated: number; failed: number };
  failures: DocumentFailure[];
  createdAt?: string;
  endedAt?: string;
  metadata: Record<string, string>;
}

export interface TranslationJobBackend {
  create(request: CreateTranslationJobRequest): Promise<TranslationJobDescription>;
  describe(name: string): Promise<TranslationJobDescription | null>;
  stop(name: string): Promise<void>;
}

/** Real-time translation; the port's `terminologies` and `translationJobs` are the rest. */
export interface TranslationBackend {
  capabilities(): Promise<TranslationCapabilities>;
  translateText(request: TranslateTextRequest): Promise<TranslateTextResult>;
}
