/**
 * The dataset procedures' rows for authorization.integration.test.ts. The world there holds a
 * project dataset named like the project, created by the project's direct Member (so the Member
 * is its creator). Rows are in the order admin, owner, group Owner, member, group Member,
 * outsider, suspended, anonymous.
 */
interface DatasetWorld {
  project: string;
  newName: string;
}
interface DatasetCase {
  expected: string;
  input?: (world: DatasetWorld) => unknown;
}

const everyActiveUser = '✔ ✔ ✔ ✔ ✔ ✔ ✘ ✘';
/** Read and download: the project's members and admins. */
const readers = '✔ ✔ ✔ ✔ ✔ ✘ ✘ ✘';
/** Create and upload: the project's members only; admins too only when members. */
const members = '✘ ✔ ✔ ✔ ✔ ✘ ✘ ✘';
/** Edit, delete files, delete: the creator (the direct Member) and admins. */
const creatorAndAdmin = '✔ ✘ ✘ ✔ ✘ ✘ ✘ ✘';

export function datasetCases(): Record<string, DatasetCase> {
  const ref = (w: DatasetWorld) => ({ scope: 'project', scopeId: w.project, name: w.project });
  const key = (w: DatasetWorld) => `project/${w.project}/datasets/${w.project}/big.bin`;
  return {
    'datasets.list': { expected: everyActiveUser, input: () => ({ limit: 10 }) },
    'datasets.shareableGroups': { expected: everyActiveUser },
    'datasets.create': {
      expected: members,
      input: (w) => ({ scope: 'project', project: w.project, name: w.newName, type: 'tabular' }),
    },
    'datasets.get': { expected: readers, input: ref },
    'datasets.files': { expected: readers, input: (w) => ({ ref: ref(w) }) },
    'datasets.downloadUrl': {
      expected: readers,
      input: (w) => ({ ref: ref(w), fileName: 'a.csv' }),
    },
    'datasets.startUpload': {
      expected: members,
      input: (w) => ({ ref: ref(w), fileName: 'a.csv', size: 10 }),
    },
    'datasets.presignParts': {
      expected: members,
      input: (w) => ({ ref: ref(w), key: key(w), uploadId: 'u1', partNumbers: [1] }),
    },
    'datasets.completeUpload': {
      expected: members,
      input: (w) => ({
        ref: ref(w),
        key: key(w),
        uploadId: 'u1',
        parts: [{ partNumber: 1, etag: 'e' }],
      }),
    },
    'datasets.abortUpload': {
      expected: members,
      input: (w) => ({ ref: ref(w), key: key(w), uploadId: 'u1' }),
    },
    'datasets.update': {
      expected: creatorAndAdmin,
      input: (w) => ({ ref: ref(w), description: 'Changed' }),
    },
    'datasets.deleteFiles': {
      expected: creatorAndAdmin,
      input: (w) => ({ ref: ref(w), fileNames: ['a.csv'] }),
    },
    'datasets.delete': { expected: creatorAndAdmin, input: ref },
  };
}
