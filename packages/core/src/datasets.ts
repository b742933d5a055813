import * as z from 'zod';

import { ValidationError } from './errors';
import { groupNameSchema } from './groups';
import type { DatasetScope } from './policy';

export const datasetScopes = [
  'global',
  'project',
  'private',
  'group',
] as const satisfies readonly DatasetScope[];
export const datasetScopeSchema = z.enum(datasetScopes);

/** Names appear in S3 prefixes and URLs, hence the reference's alphabet (letters, digits, hyphens). */
export const datasetNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,255}$/, 'must be 1 to 255 characters: letters, digits and hyphens');

export const datasetDescriptionSchema = z
  .string()
  .max(254, 'must be at most 254 characters')
  .regex(/^[\w\-\s'.,()]*$/, "may contain only letters, digits, spaces and - _ ' . , ( )");

export const datasetTypes = [
  'tabular',
  'text',
  'image',
  'audio',
  'video',
  'model',
  'other',
] as const;
export const datasetTypeSchema = z.enum(datasetTypes);
export type DatasetType = z.infer<typeof datasetTypeSchema>;

/** Files of this size or larger go up in parts. */
export const multipartThresholdBytes = 16 * 1024 * 1024;
/** S3 allows at most 10,000 parts; parts are at least the threshold. */
export function multipartPartSize(totalBytes: number): number {
  return Math.max(multipartThresholdBytes, Math.ceil(totalBytes / 10_000));
}

/**
 * The key that identifies which namespace a dataset's name is unique in: the project for project
 * datasets, the creator for private ones; global and group datasets each share one namespace.
 */
export function datasetScopeId(
  scope: DatasetScope,
  owner: { project?: string; username: string },
): string {
  switch (scope) {
    case 'global':
      return 'global';
    case 'group':
      return 'group';
    case 'project':
      if (!owner.project) throw new ValidationError('project', 'is required for a project dataset');
      return owner.project;
    case 'private':
      return owner.username;
  }
}

/** The S3 prefix of a dataset, as the reference lays it out (inventory 4.4). */
export function datasetPrefix(scope: DatasetScope, scopeId: string, name: string): string {
  switch (scope) {
    case 'global':
      return `global/datasets/${name}/`;
    case 'group':
      return `group/datasets/${name}/`;
    case 'project':
      return `project/${scopeId}/datasets/${name}/`;
    case 'private':
      return `private/${scopeId}/datasets/${name}/`;
  }
}

export interface DatasetView {
  scope: DatasetScope;
  /** `global`, `group`, the project's name or the creator's username. */
  scopeId: string;
  name: string;
  description: string;
  type: DatasetType;
  /** Groups a group dataset is shared with; empty for other scopes. */
  groups: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** `s3://bucket/prefix/` (the API fills in the bucket). */
  location: string;
}

export interface DatasetFileView {
  /** Path inside the dataset, e.g. `train/part-0001.csv`. */
  name: string;
  size: number;
  lastModified: string | null;
  /** Storage's ETag, so a client can tell a file it holds is the same without downloading it. */
  etag: string | null;
  s3Uri: string;
}

/** A dataset as stored, before the API adds where its files are. */
export type DatasetRecord = Omit<DatasetView, 'location'>;

/** How a dataset is addressed: its scope, the namespace inside it, and its name. */
export interface DatasetKey {
  scope: DatasetScope;
  scopeId: string;
  name: string;
}

/** A group dataset may be shared with at most this many groups (keeps every change in one transaction). */
export const maxDatasetGroups = 20;

/** The groups a group dataset is shared with. */
export const datasetGroupsSchema = z
  .array(groupNameSchema)
  .max(maxDatasetGroups, `may name at most ${maxDatasetGroups} groups`);

/** A new dataset: the create form validates with this, and the API parses with it. */
export const createDatasetInputSchema = z.object({
  scope: datasetScopeSchema,
  /** The project of a project dataset. */
  project: z.string().min(1, 'pick a project').optional(),
  groups: datasetGroupsSchema.default([]),
  name: datasetNameSchema,
  description: datasetDescriptionSchema.default(''),
  type: datasetTypeSchema,
});
export type CreateDatasetInput = z.input<typeof createDatasetInputSchema>;
