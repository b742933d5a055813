/**
 * The one place an S3 location given by a user becomes something the policy can decide on: a
 * dataset (scope, namespace, name, path inside it) or a project's output area. Anything else is
 * refused here, before any lookup, with the field and the rule.
 */
import { assertSafeFileName } from './dataset-keys';
import { datasetNameSchema, datasetPrefix, type DatasetKey } from './datasets';
import { ValidationError } from './errors';
import { projectNameSchema } from './projects';
import { usernameSchema } from './users';

/** Inputs are read; outputs (job output, data capture) are written. */
export type StorageAccess = 'read' | 'write';

/** One location a procedure accepts, named by its input path (`inputs.0.s3Uri`). */
export interface StorageLocationRequest {
  field: string;
  uri: string;
  access: StorageAccess;
}

interface ResolvedBase {
  /** The canonical key: a dataset or output folder named alone ends with `/`, so it never matches a sibling. */
  key: string;
  /** `s3://<bucket>/<key>`: what backends receive instead of the user's text. */
  uri: string;
}

export interface DatasetLocation extends ResolvedBase {
  kind: 'dataset';
  dataset: DatasetKey;
  /** The path inside the dataset ('' for the whole dataset). */
  path: string;
}

/** `project/<project>/<folder>/…` with any folder but `datasets`: where jobs write by default. */
export interface ProjectOutputLocation extends ResolvedBase {
  kind: 'projectOutput';
  project: string;
  folder: string;
}

export type ResolvedStorageLocation = DatasetLocation | ProjectOutputLocation;

/** The first folder under `project/<project>/` that holds datasets rather than outputs. */
const projectDatasetsFolder = 'datasets';

/** Where outputs may go in a project, written the way the forms show it. */
export function projectOutputUri(bucket: string, project: string, folder: string): string {
  return `s3://${bucket}/project/${project}/${folder}`;
}

/**
 * Parses `uri` as a location in `bucket` and classifies it. Refuses other buckets, the bucket root,
 * unknown prefixes and any key that could escape its prefix (`..`, `.`, `//`, backslashes, control
 * characters, Unicode look-alikes, percent-encoded forms of these).
 */
export function resolveStorageLocation(
  uri: string,
  bucket: string,
  field: string,
): ResolvedStorageLocation {
  const scheme = 's3://';
  if (!uri.startsWith(scheme))
    throw new ValidationError(field, `must be an S3 URI like s3://${bucket}/…`);
  const rest = uri.slice(scheme.length);
  const slash = rest.indexOf('/');
  const uriBucket = slash === -1 ? rest : rest.slice(0, slash);
  if (uriBucket !== bucket)
    throw new ValidationError(
      field,
      `must be in the data bucket ${bucket}; ${JSON.stringify(uriBucket)} is another bucket`,
    );
  const key = slash === -1 ? '' : rest.slice(slash + 1);
  if (key === '' || key === '/')
    throw new ValidationError(
      field,
      "names the whole bucket; pick a dataset or the project's output folder",
    );
  const folderOnly = key.endsWith('/');
  assertSafeFileName(folderOnly ? key.slice(0, -1) : key, field);
  return classify(key.split('/').filter(Boolean), folderOnly, bucket, field);
}

function classify(
  segments: string[],
  folderOnly: boolean,
  bucket: string,
  field: string,
): ResolvedStorageLocation {
  const [area, second, third, fourth] = segments;
  if ((area === 'global' || area === 'group') && second === 'datasets')
    return dataset(area, area, third, segments.slice(3), folderOnly, bucket, field);
  if (area === 'private' && third === 'datasets') {
    nameOrRefuse(usernameSchema, second, field, 'a username');
    return dataset('private', second!, fourth, segments.slice(4), folderOnly, bucket, field);
  }
  if (area === 'project' && second !== undefined) {
    nameOrRefuse(projectNameSchema, second, field, 'a project name');
    if (third === projectDatasetsFolder)
      return dataset('project', second, fourth, segments.slice(4), folderOnly, bucket, field);
    if (third !== undefined) {
      const key = joinKey([area, second, third], segments.slice(3), folderOnly);
      return {
        kind: 'projectOutput',
        project: second,
        folder: third,
        key,
        uri: `s3://${bucket}/${key}`,
      };
    }
  }
  throw new ValidationError(
    field,
    `is not inside a dataset or a project's output folder (s3://${bucket}/project/<project>/<folder>/)`,
  );
}

function dataset(
  scope: DatasetKey['scope'],
  scopeId: string,
  name: string | undefined,
  inside: string[],
  folderOnly: boolean,
  bucket: string,
  field: string,
): DatasetLocation {
  if (name === undefined)
    throw new ValidationError(field, 'names no dataset; add the dataset name after datasets/');
  nameOrRefuse(datasetNameSchema, name, field, 'a dataset name');
  const prefix = datasetPrefix(scope, scopeId, name);
  const path = inside.length === 0 ? '' : inside.join('/') + (folderOnly ? '/' : '');
  const key = `${prefix}${path}`;
  return {
    kind: 'dataset',
    dataset: { scope, scopeId, name },
    path,
    key,
    uri: `s3://${bucket}/${key}`,
  };
}

/** A folder named alone always ends with `/`: `…/training-output` must not reach `…/training-output2`. */
function joinKey(folder: string[], inside: string[], folderOnly: boolean): string {
  if (inside.length === 0) return `${folder.join('/')}/`;
  return `${[...folder, ...inside].join('/')}${folderOnly ? '/' : ''}`;
}

function nameOrRefuse(
  schema: { safeParse(value: unknown): { success: boolean } },
  value: string | undefined,
  field: string,
  what: string,
): void {
  if (value === undefined || !schema.safeParse(value).success)
    throw new ValidationError(field, `${JSON.stringify(value ?? '')} is not ${what}`);
}
