import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ForbiddenError,
  ValidationError,
  assertAllowed,
  canCreateDataset,
  canEditDataset,
  canReadDataset,
  canReadGroup,
  canReadProject,
  canUploadToDataset,
  createDatasetInputSchema,
  datasetGroupsSchema,
  datasetDescriptionSchema,
  datasetFileKey,
  datasetNameSchema,
  datasetPrefix,
  datasetScopeId,
  datasetScopeSchema,
  fileNameInDataset,
  multipartPartSize,
  multipartThresholdBytes,
  pageInputSchema,
  type DatasetFileView,
  type DatasetKey,
  type DatasetRecord,
  type DatasetView,
  type Page,
  type Principal,
} from '@mlspace/core';

import type { VisibleDatasets, VisibleScope } from '@mlspace/db';

import type { Context } from '../context';
import {
  authorizeDataset,
  callerGroupNames,
  projectFactsFor,
  toDatasetView,
} from '../services/dataset-access';
import {
  listFromSources,
  type DatasetSources,
  mayHoldDatasets,
  sourceId,
  type DatasetSource,
} from '../services/dataset-list';
import { serviceProcedure } from '../trpc';

/** Every dataset procedure first checks that an administrator has not deactivated datasets. */
const datasetProcedure = serviceProcedure('datasets');

const refSchema = z.object({
  scope: datasetScopeSchema,
  /** The project (project scope) or the creator (private scope); ignored for global and group. */
  scopeId: z.string().min(1).max(64).optional(),
  name: datasetNameSchema,
});
type DatasetRef = z.infer<typeof refSchema>;

const fileNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters');

function keyOf(ref: DatasetRef, principal: Principal): DatasetKey {
  if (ref.scope === 'project' && !ref.scopeId)
    throw new ValidationError('scopeId', 'names the project of a project dataset');
  return {
    scope: ref.scope,
    scopeId: datasetScopeId(ref.scope, {
      project: ref.scopeId,
      username: ref.scopeId ?? principal.username,
    }),
    name: ref.name,
  };
}

type ActiveContext = Context & { caller: NonNullable<Context['caller']> };

async function permissionsOf(
  ctx: ActiveContext,
  access: Awaited<ReturnType<typeof authorizeDataset>>,
) {
  const user = ctx.caller.user;
  return {
    upload: canUploadToDataset(user, access.facts).allowed,
    edit: canEditDataset(user, access.facts).allowed,
  };
}

/**
 * The sources of "every dataset I can see", for a user who is not listing as an admin, from a
 * cursor's position on: projects come a chunk of memberships at a time, so a page reads only
 * the memberships it needs. Scopes and pages are read under one read of the epochs, and pages
 * come from the dataset page cache while nothing has changed (ADR 011).
 */
function visibleSources(
  ctx: ActiveContext,
  scope: 'all' | 'project' | 'group',
  limit: number,
  nameContains: string | undefined,
): DatasetSources {
  const user = ctx.caller.user;
  return async function* (resumeId) {
    const visible = await ctx.db.datasets.visibleTo(user.username);
    const own: DatasetSource[] = [
      {
        id: sourceId('global'),
        read: (page) =>
          visible.listByScope({ scope: 'global', scopeId: 'global' }, { ...page, nameContains }),
      },
      {
        id: sourceId('private'),
        read: (page) =>
          visible.listByScope(
            { scope: 'private', scopeId: user.username },
            { ...page, nameContains },
          ),
      },
    ];
    const atOrAfter = (source: DatasetSource) => resumeId === null || source.id >= resumeId;
    if (scope === 'all') yield* own.filter(atOrAfter);
    if (scope !== 'group' && (resumeId === null || resumeId < sourceId('group'))) {
      const from = resumeId?.startsWith(sourceId('project'))
        ? resumeId.slice(sourceId('project').length)
        : undefined;
      // A chunk a little over the page: a project that may hold datasets yields at least one.
      for await (const batch of visible.projectsFrom(from, limit + 5))
        yield* projectSources(ctx, visible, batch, nameContains).filter(atOrAfter);
    }
    if (scope !== 'project')
      yield* groupSources(ctx, visible, visible.groups, nameContains).filter(atOrAfter);
  };
}

/**
 * A filtered read that finds nothing says nothing about whether the scope is empty, so only an
 * unfiltered one may mark it (`nameContains` undefined).
 */
function projectSources(
  ctx: ActiveContext,
  visible: VisibleDatasets,
  projects: VisibleScope[],
  nameContains: string | undefined,
): DatasetSource[] {
  return projects.filter(mayHoldDatasets).map((project): DatasetSource => ({
    id: sourceId('project', project.name.toLowerCase()),
    read: async (page) => {
      const result = await visible.listByScope(
        { scope: 'project', scopeId: project.name },
        { ...page, nameContains },
      );
      if (!nameContains && project.holdsDatasets === undefined && isEmptyFromStart(page, result))
        await ctx.db.datasets.markScopeEmptyIfUnknown({ project: project.name });
      return result;
    },
  }));
}

/** One source per group; a dataset shared with several of my groups is listed under the first only. */
function groupSources(
  ctx: ActiveContext,
  visible: VisibleDatasets,
  groups: VisibleScope[],
  nameContains: string | undefined,
): DatasetSource[] {
  return groups.flatMap((group, index): DatasetSource[] => {
    if (!mayHoldDatasets(group)) return [];
    const earlier = new Set(groups.slice(0, index).map((other) => other.name));
    return [
      {
        id: sourceId('group', group.name.toLowerCase()),
        read: async (page) => {
          const result = await visible.listSharedWithGroup(group.name, {
            ...page,
            nameContains,
          });
          if (!nameContains && group.holdsDatasets === undefined && isEmptyFromStart(page, result))
            await ctx.db.datasets.markScopeEmptyIfUnknown({ group: group.name });
          return {
            items: result.items.filter(
              (item) => !item.groups.some((shared) => earlier.has(shared)),
            ),
            cursor: result.cursor,
          };
        },
      },
    ];
  });
}

function isEmptyFromStart(page: { cursor: string | null }, result: Page<DatasetRecord>): boolean {
  return page.cursor === null && result.items.length === 0 && result.cursor === null;
}

export const datasetsRouter = {
  /**
   * Datasets the caller can see, filtered by scope. `all` for an admin is every dataset (creator
   * gone or not); for anyone else, global + own private + their projects' + their groups'.
   */
  list: datasetProcedure
    .input(
      pageInputSchema.extend({
        scope: z.enum(['all', 'global', 'private', 'project', 'group']).default('all'),
        project: z.string().min(1).optional(),
        group: z.string().min(1).optional(),
        /** Part of the name (case-sensitive); each scope's Query filters by it. */
        search: z.string().trim().max(63, 'must be at most 63 characters').optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<Page<DatasetView>> => {
      const user = ctx.caller.user;
      const { db } = ctx;
      const nameContains = input.search || undefined;
      const page = { cursor: input.cursor ?? null, limit: input.limit, nameContains };
      let result: Page<DatasetRecord>;
      if (input.scope === 'project' && input.project) {
        const facts = await projectFactsFor(db, input.project, user.username);
        if (!facts && !user.isAdmin)
          throw new ForbiddenError(`You are not a member of project '${input.project}'`);
        if (facts) assertAllowed(canReadProject(user, facts));
        result = await db.datasets.listByScope({ scope: 'project', scopeId: input.project }, page);
      } else if (input.scope === 'group' && input.group) {
        const mine = await callerGroupNames(db, user.username);
        assertAllowed(
          canReadGroup(user, { name: input.group, callerIsMember: mine.includes(input.group) }),
        );
        result = await db.datasets.listSharedWithGroup(input.group, page);
      } else if (user.isAdmin) {
        result = await db.datasets.listAll(page, input.scope === 'all' ? undefined : input.scope);
      } else if (input.scope === 'global') {
        result = await db.datasets.listByScope({ scope: 'global', scopeId: 'global' }, page);
      } else if (input.scope === 'private') {
        result = await db.datasets.listByScope({ scope: 'private', scopeId: user.username }, page);
      } else {
        result = await listFromSources(
          visibleSources(ctx, input.scope, input.limit, nameContains),
          page,
        );
      }
      return {
        items: result.items.map((record) => toDatasetView(record, ctx.datasetStorage)),
        cursor: result.cursor,
      };
    }),

  get: datasetProcedure.input(refSchema).query(async ({ ctx, input }) => {
    const access = await authorizeDataset(
      ctx.db,
      ctx.caller.user,
      keyOf(input, ctx.caller.user),
      canReadDataset,
    );
    return {
      dataset: toDatasetView(access.record, ctx.datasetStorage),
      permissions: await permissionsOf(ctx, access),
    };
  }),

  /** The groups the caller may share a dataset with: only groups the caller belongs to. */
  shareableGroups: datasetProcedure.query(async ({ ctx }) =>
    callerGroupNames(ctx.db, ctx.caller.user.username),
  ),

  create: datasetProcedure
    .input(createDatasetInputSchema)
    .mutation(async ({ ctx, input }): Promise<DatasetView> => {
      const user = ctx.caller.user;
      const groups = input.scope === 'group' ? input.groups : [];
      const [project, callerGroups] = await Promise.all([
        input.scope === 'project' && input.project
          ? projectFactsFor(ctx.db, input.project, user.username)
          : Promise.resolve(undefined),
        callerGroupNames(ctx.db, user.username),
      ]);
      if (input.scope === 'project' && input.project && !project)
        throw new ForbiddenError(`You are not a member of project '${input.project}'`);
      assertAllowed(canCreateDataset(user, { scope: input.scope, project, groups, callerGroups }));
      const record = await ctx.db.datasets.create({
        scope: input.scope,
        scopeId: datasetScopeId(input.scope, { project: input.project, username: user.username }),
        name: input.name,
        description: input.description,
        type: input.type,
        groups,
        createdBy: user.username,
      });
      // A new dataset starts empty: an upload link issued for a deleted dataset of the same name
      // (links live an hour) may have written files under this prefix after that deletion.
      try {
        await ctx.datasetStorage.deletePrefix(
          datasetPrefix(record.scope, record.scopeId, record.name),
        );
      } catch (error) {
        await ctx.db.datasets.delete(record, user.username);
        throw error;
      }
      return toDatasetView(record, ctx.datasetStorage);
    }),

  update: datasetProcedure
    .input(
      z.object({
        ref: refSchema,
        description: datasetDescriptionSchema,
        groups: datasetGroupsSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }): Promise<DatasetView> => {
      const user = ctx.caller.user;
      const access = await authorizeDataset(ctx.db, user, keyOf(input.ref, user), canEditDataset);
      const groups = access.record.scope === 'group' ? input.groups : undefined;
      if (groups) {
        // Groups added later must be the caller's own groups too; groups already shared may stay.
        assertAllowed(
          canCreateDataset(user, {
            scope: 'group',
            groups,
            callerGroups: [...access.facts.callerGroups, ...access.record.groups],
          }),
        );
      }
      const record = await ctx.db.datasets.update(
        access.record,
        { description: input.description, groups },
        user.username,
      );
      return toDatasetView(record, ctx.datasetStorage);
    }),

  /** Deletes every file under the dataset's prefix, then the record and its shares. */
  delete: datasetProcedure.input(refSchema).mutation(async ({ ctx, input }) => {
    const user = ctx.caller.user;
    const access = await authorizeDataset(ctx.db, user, keyOf(input, user), canEditDataset);
    const deletedFiles = await ctx.datasetStorage.deletePrefix(access.prefix);
    await ctx.db.datasets.delete(access.record, user.username);
    return { deletedFiles };
  }),

  /** One page of files (S3 continuation tokens as cursors), in key order. */
  files: datasetProcedure
    .input(
      z.object({
        ref: refSchema,
        cursor: z.string().nullish(),
        limit: z.number().int().min(1).max(1000).default(100),
      }),
    )
    .query(async ({ ctx, input }): Promise<Page<DatasetFileView>> => {
      const access = await authorizeDataset(
        ctx.db,
        ctx.caller.user,
        keyOf(input.ref, ctx.caller.user),
        canReadDataset,
      );
      const page = await ctx.datasetStorage.listObjects(access.prefix, {
        token: input.cursor,
        limit: input.limit,
      });
      return {
        items: page.objects.map((object) => ({
          name: object.key.slice(access.prefix.length),
          size: object.size,
          lastModified: object.lastModified,
          etag: object.etag,
          s3Uri: ctx.datasetStorage.uri(object.key),
        })),
        cursor: page.nextToken,
      };
    }),

  /** A presigned PUT for small files, or a multipart upload for files of 16 MB and more. */
  startUpload: datasetProcedure
    .input(
      z.object({
        ref: refSchema,
        fileName: fileNameSchema,
        size: z
          .number()
          .int()
          .min(0)
          .max(5 * 1024 ** 4),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const access = await authorizeDataset(
        ctx.db,
        ctx.caller.user,
        keyOf(input.ref, ctx.caller.user),
        canUploadToDataset,
      );
      const key = datasetFileKey(access.prefix, input.fileName);
      if (input.size < multipartThresholdBytes) {
        return { mode: 'single' as const, key, url: await ctx.datasetStorage.presignPut(key) };
      }
      const partSize = multipartPartSize(input.size);
      const uploadId = await ctx.datasetStorage.createMultipartUpload(key);
      return {
        mode: 'multipart' as const,
        key,
        uploadId,
        partSize,
        partCount: Math.ceil(input.size / partSize),
      };
    }),

  /** Presigned URLs for some parts of a multipart upload (asked again when a part is retried). */
  presignParts: datasetProcedure
    .input(
      z.object({
        ref: refSchema,
        key: z.string().min(1),
        uploadId: z.string().min(1),
        partNumbers: z.array(z.number().int().min(1).max(10_000)).min(1).max(100),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const access = await authorizeDataset(
        ctx.db,
        ctx.caller.user,
        keyOf(input.ref, ctx.caller.user),
        canUploadToDataset,
      );
      fileNameInDataset(access.prefix, input.key);
      const urls = await Promise.all(
        input.partNumbers.map(async (partNumber) => ({
          partNumber,
          url: await ctx.datasetStorage.presignPart(input.key, input.uploadId, partNumber),
        })),
      );
      return { urls };
    }),

  completeUpload: datasetProcedure
    .input(
      z.object({
        ref: refSchema,
        key: z.string().min(1),
        uploadId: z.string().min(1),
        parts: z
          .array(
            z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1) }),
          )
          .min(1)
          .max(10_000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const access = await authorizeDataset(
        ctx.db,
        ctx.caller.user,
        keyOf(input.ref, ctx.caller.user),
        canUploadToDataset,
      );
      const name = fileNameInDataset(access.prefix, input.key);
      await ctx.datasetStorage.completeMultipartUpload(input.key, input.uploadId, input.parts);
      return { name, s3Uri: ctx.datasetStorage.uri(input.key) };
    }),

  abortUpload: datasetProcedure
    .input(z.object({ ref: refSchema, key: z.string().min(1), uploadId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const access = await authorizeDataset(
        ctx.db,
        ctx.caller.user,
        keyOf(input.ref, ctx.caller.user),
        canUploadToDataset,
      );
      fileNameInDataset(access.prefix, input.key);
      await ctx.datasetStorage.abortMultipartUpload(input.key, input.uploadId);
      return { aborted: true };
    }),

  downloadUrl: datasetProcedure
    .meta({ readOnly: true })
    .input(z.object({ ref: refSchema, fileName: fileNameSchema }))
    .mutation(async ({ ctx, input }) => {
      const access = await authorizeDataset(
        ctx.db,
        ctx.caller.user,
        keyOf(input.ref, ctx.caller.user),
        canReadDataset,
      );
      const key = datasetFileKey(access.prefix, input.fileName);
      return {
        url: await ctx.datasetStorage.presignGet(
          key,
          input.fileName.split('/').pop() ?? input.fileName,
        ),
      };
    }),

  deleteFiles: datasetProcedure
    .input(z.object({ ref: refSchema, fileNames: z.array(fileNameSchema).min(1).max(1000) }))
    .mutation(async ({ ctx, input }) => {
      const access = await authorizeDataset(
        ctx.db,
        ctx.caller.user,
        keyOf(input.ref, ctx.caller.user),
        canEditDataset,
      );
      const keys = input.fileNames.map((name, index) =>
        datasetFileKey(access.prefix, name, `fileNames.${index}`),
      );
      await ctx.datasetStorage.deleteObjects(keys);
      return { deleted: keys.length };
    }),
} satisfies TRPCRouterRecord;
