import { http, HttpResponse, type HttpHandler } from 'msw';

import { awsJsonError, awsJsonService, type AwsJsonOperation } from './aws-json';

export const translateUrl = 'https://translate.:region.amazonaws.com/';
/** Where GetTerminology's presigned download points in the fake. */
export const terminologyDownloadUrl = 'https://translate-terminologies.example/';

type Call = { operation: string; body: Record<string, unknown> };
const account = 'arn:aws:translate:us-east-1:123456789012';

interface FakeJob {
  id: string;
  request: Record<string, unknown>;
  status: string;
  submitted: number;
  ended?: number;
  counts?: { input: number; translated: number; failed: number };
  message?: string;
}

interface FakeTerminology {
  name: string;
  description?: string;
  file: string;
  format: string;
  tags: { Key: string; Value: string }[];
  created: number;
}

/**
 * An in-memory Amazon Translate (JSON protocol, `AWSShineFrontendService_20170701.*`):
 * TranslateText answers `translate(text, target)` (by default the text in brackets with the
 * target code, applying the named terminologies' terms), terminologies are imported from their
 * CSV (TMX is kept but not parsed), tagged, listed, downloaded through a presigned-like URL and
 * deleted, and jobs are started, listed by name, described and stopped. `finish` ends a job as
 * Translate would. Unknown names are Translate's ResourceNotFoundException.
 */
export function fakeTranslate(
  options: {
    overrides?: Record<string, AwsJsonOperation>;
    calls?: Call[];
    languages?: string[];
  } = {},
) {
  const jobs = new Map<string, FakeJob>();
  const terminologies = new Map<string, FakeTerminology>();
  let sequence = 0;
  const languages = options.languages ?? ['auto', 'en', 'es', 'fr', 'de'];
  const notFound = (what: string) => awsJsonError('ResourceNotFoundException', `${what} not found`);

  function csvTerms(terminology: FakeTerminology, target: string): [string, string][] {
    if (terminology.format !== 'CSV') return [];
    const [header = '', ...rows] = terminology.file.trim().split('\n');
    const column = header.split(',').indexOf(target);
    if (column < 1) return [];
    return rows.map((row) => {
      const cells = row.split(',');
      return [cells[0] ?? '', cells[column] ?? ''];
    });
  }

  function properties(terminology: FakeTerminology) {
    const [header = ''] = terminology.file.trim().split('\n');
    const [source = 'en', ...targets] = header.split(',');
    return {
      Name: terminology.name,
      Description: terminology.description,
      Arn: `${account}:terminology/${terminology.name}/LATEST`,
      SourceLanguageCode: source,
      TargetLanguageCodes: targets,
      SizeBytes: terminology.file.length,
      TermCount: Math.max(0, terminology.file.trim().split('\n').length - 1),
      CreatedAt: terminology.created,
      LastUpdatedAt: terminology.created,
      Format: terminology.format,
      Directionality: 'UNI',
    };
  }

  function jobProperties(job: FakeJob) {
    const request = job.request;
    return {
      JobId: job.id,
      JobName: request.JobName,
      JobStatus: job.status,
      JobDetails: job.counts
        ? {
            InputDocumentsCount: job.counts.input,
            TranslatedDocumentsCount: job.counts.translated,
            DocumentsWithErrorsCount: job.counts.failed,
          }
        : undefined,
      SourceLanguageCode: request.SourceLanguageCode,
      TargetLanguageCodes: request.TargetLanguageCodes,
      TerminologyNames: request.TerminologyNames,
      Message: job.message,
      SubmittedTime: job.submitted,
      EndTime: job.ended,
      InputDataConfig: request.InputDataConfig,
      OutputDataConfig: {
        ...(request.OutputDataConfig as Record<string, unknown>),
        S3Uri: `${String((request.OutputDataConfig as { S3Uri: string }).S3Uri).replace(/\/?$/, '/')}123456789012-TranslateText-${job.id}/`,
      },
      DataAccessRoleArn: request.DataAccessRoleArn,
      Settings: request.Settings,
    };
  }

  const operations: Record<string, AwsJsonOperation> = {
    ListLanguages: () => ({
      Languages: languages.map((code) => ({ LanguageCode: code, LanguageName: code })),
      DisplayLanguageCode: 'en',
    }),
    TranslateText: (body) => {
      const target = String(body.TargetLanguageCode);
      let text = String(body.Text);
      const applied: { Name: string; Terms: { SourceText: string; TargetText: string }[] }[] = [];
      for (const name of (body.TerminologyNames as string[] | undefined) ?? []) {
        const terminology = terminologies.get(name);
        if (!terminology) return notFound(`Terminology ${name}`);
        const terms = csvTerms(terminology, target).filter(([source]) => text.includes(source));
        for (const [source, translated] of terms) text = text.split(source).join(translated);
        applied.push({
          Name: name,
          Terms: terms.map(([source, translated]) => ({
            SourceText: source,
            TargetText: translated,
          })),
        });
      }
      return {
        TranslatedText: `[${target}] ${text}`,
        SourceLanguageCode: body.SourceLanguageCode === 'auto' ? 'en' : body.SourceLanguageCode,
        TargetLanguageCode: target,
        AppliedTerminologies: applied.length > 0 ? applied : undefined,
        AppliedSettings: body.Settings,
      };
    },
    ImportTerminology: (body) => {
      const data = body.TerminologyData as { File: string; Format: string };
      const terminology: FakeTerminology = {
        name: String(body.Name),
        description: body.Description as string | undefined,
        file: Buffer.from(data.File, 'base64').toString('utf8'),
        format: data.Format,
        tags: (body.Tags as { Key: string; Value: string }[] | undefined) ?? [],
        created: Date.now() / 1000,
      };
      terminologies.set(terminology.name, terminology);
      return { TerminologyProperties: properties(terminology) };
    },
    ListTerminologies: () => ({
      TerminologyPropertiesList: [...terminologies.values()].map(properties),
    }),
    GetTerminology: (body) => {
      const terminology = terminologies.get(String(body.Name));
      if (!terminology) return notFound(`Terminology ${String(body.Name)}`);
      return {
        TerminologyProperties: properties(terminology),
        TerminologyDataLocation: {
          RepositoryType: 'S3',
          Location: `${terminologyDownloadUrl}${terminology.name}.csv`,
        },
      };
    },
    ListTagsForResource: (body) => {
      const name = String(body.ResourceArn).split('/')[1] ?? '';
      const terminology = terminologies.get(name);
      if (!terminology) return notFound(`Resource ${String(body.ResourceArn)}`);
      return { Tags: terminology.tags };
    },
    DeleteTerminology: (body) => {
      if (!terminologies.delete(String(body.Name)))
        return notFound(`Terminology ${String(body.Name)}`);
      return {};
    },
    StartTextTranslationJob: (body) => {
      sequence += 1;
      const id = `${String(sequence).padStart(32, '0')}`;
      jobs.set(id, { id, request: body, status: 'SUBMITTED', submitted: Date.now() / 1000 });
      return { JobId: id, JobStatus: 'SUBMITTED' };
    },
    ListTextTranslationJobs: (body) => {
      const filter = (body.Filter as { JobName?: string } | undefined) ?? {};
      return {
        TextTranslationJobPropertiesList: [...jobs.values()]
          .filter((job) => !filter.JobName || job.request.JobName === filter.JobName)
          .map(jobProperties),
      };
    },
    DescribeTextTranslationJob: (body) => {
      const job = jobs.get(String(body.JobId));
      if (!job) return notFound(`Job ${String(body.JobId)}`);
      return { TextTranslationJobProperties: jobProperties(job) };
    },
    StopTextTranslationJob: (body) => {
      const job = jobs.get(String(body.JobId));
      if (!job) return notFound(`Job ${String(body.JobId)}`);
      job.status = 'STOP_REQUESTED';
      return { JobId: job.id, JobStatus: job.status };
    },
    ...options.overrides,
  };

  const handlers: HttpHandler[] = [
    awsJsonService(translateUrl, operations, options.calls),
    http.get(`${terminologyDownloadUrl}:file`, ({ params }) => {
      const terminology = terminologies.get(String(params.file).replace(/\.csv$/, ''));
      return terminology
        ? HttpResponse.text(terminology.file)
        : new HttpResponse(null, { status: 404 });
    }),
  ];

  return {
    handlers,
    operations,
    jobs,
    terminologies,
    /** Ends a job as Translate would, with its documents' counts. */
    finish(
      name: string,
      status: 'COMPLETED' | 'COMPLETED_WITH_ERROR' | 'FAILED' | 'STOPPED',
      counts: { input: number; translated: number; failed: number },
      message?: string,
    ) {
      const job = [...jobs.values()].find((candidate) => candidate.request.JobName === name);
      if (!job) throw new Error(`no job named ${name}`);
      Object.assign(job, { status, counts, message, ended: Date.now() / 1000 });
    },
  };
}
