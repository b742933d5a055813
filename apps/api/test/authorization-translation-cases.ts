/**
 * The translation procedures' rows for authorization.integration.test.ts. The world there holds a
 * batch translation job named `mlResource`, started by the project's direct Member. Rows are in
 * the order admin, owner, group Owner, member, group Member, outsider, suspended, anonymous.
 */
interface TranslationWorld {
  project: string;
  newName: string;
  mlResource: string;
}
interface TranslationCase {
  expected: string;
  input?: (world: TranslationWorld) => unknown;
}

const everyActiveUser = '✔ ✔ ✔ ✔ ✔ ✔ ✘ ✘';
const projectReaders = '✔ ✔ ✔ ✔ ✔ ✘ ✘ ✘';
/** Translating in a project uses it: its members only, admins too only when members. */
const projectMembers = '✘ ✔ ✔ ✔ ✔ ✘ ✘ ✘';
const creatorOwnersAndAdmin = '✔ ✔ ✔ ✔ ✘ ✘ ✘ ✘';

export function translationCases(): Record<string, TranslationCase> {
  const byName = (w: TranslationWorld) => ({ name: w.mlResource });
  const sentence = (w: TranslationWorld) => ({
    project: w.project,
    text: 'The files',
    sourceLanguage: 'en',
    targetLanguage: 'es',
  });
  return {
    'translation.capabilities': { expected: everyActiveUser },
    'translation.translateText': { expected: projectMembers, input: sentence },
    'translation.terminologies.list': { expected: everyActiveUser, input: () => ({}) },
    'translation.terminologies.get': {
      expected: everyActiveUser,
      input: () => ({ name: 'terms' }),
    },
    'translation.terminologies.import': {
      expected: everyActiveUser,
      input: () => ({ name: 'terms', format: 'CSV', content: 'en,es\nfiles,archivos\n' }),
    },
    // Deleting is for the importer and admins; the backend knows the importer, and it is
    // unavailable here, so translation.integration.test.ts checks that rule on the local backend.
    'translation.terminologies.delete': {
      expected: everyActiveUser,
      input: () => ({ name: 'terms' }),
    },
    'translation.jobs.list': {
      expected: projectReaders,
      input: (w) => ({ project: w.project, limit: 10 }),
    },
    'translation.jobs.mine': { expected: everyActiveUser, input: () => ({ limit: 10 }) },
    'translation.jobs.options': {
      expected: projectReaders,
      input: (w) => ({ project: w.project }),
    },
    'translation.jobs.get': { expected: projectReaders, input: byName },
    'translation.jobs.create': {
      expected: projectMembers,
      input: (w) => ({
        project: w.project,
        name: w.newName,
        inputS3Uri: `s3://mlspace-data/project/${w.project}/datasets/${w.project}/`,
        outputS3Uri: `s3://mlspace-data/project/${w.project}/datasets/${w.project}/`,
        sourceLanguage: 'en',
        targetLanguages: ['es'],
      }),
    },
    'translation.jobs.stop': { expected: creatorOwnersAndAdmin, input: byName },
    'translation.jobs.outputs': { expected: projectReaders, input: byName },
    'translation.jobs.outputUrl': {
      expected: projectReaders,
      input: (w) => ({ name: w.mlResource, path: 'es/readme.txt' }),
    },
  };
}
