import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ForbiddenError,
  NotFoundError,
  assertAllowed,
  canCreateResource,
  canDeleteTerminology,
  canManageResource,
  canReadResource,
  canUseTerminologies,
  createTranslationJobInputSchema,
  importTerminologyInputSchema,
  languageLabel,
  terminologyNameSchema,
  translateTextInputSchema,
  type DocumentFailure,
  type Page,
  type TerminologyDetail,
  type TerminologySummary,
  type TranslateTextResult,
  type TranslationCapabilities,
} from '@mlspace/core';

import {
  backendFor,
  refreshRecord,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { assertStorageLocations } from '../services/storage-gate';
import {
  assertPairsOffered,
  assertSettingsSupported,
  assertTerminologiesExist,
  terminologiesOf,
  translationOf,
} from '../services/translation';
import { serviceProcedure } from '../trpc';
import { outputProcedures } from './job-outputs';
import { listProcedures, nameInput, optionsProcedure } from './ml-common';

/** Refused with a clear message while an administrator has deactivated translation. */
const translateProcedure = serviceProcedure('translate');

export interface TranslationCapabilitiesView extends TranslationCapabilities {
  languageLabels: Record<string, string>;
}

export interface TranslationJobDetailView {
  job: ResourceSummaryView;
  documents: { input: number; translated: number; failed: number } | null;
  failures: DocumentFailure[];
  permissions: { manage: boolean };
}

const terminologiesRouter = {
  list: translateProcedure
    .input(
      z.object({
        cursor: z.string().max(2048).nullish(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(async ({ ctx, input }): Promise<Page<TerminologySummary>> => {
      assertAllowed(canUseTerminologies(ctx.caller.user));
      return terminologiesOf(ctx.compute).list({
        cursor: input.cursor,
        limit: input.limit,
      });
    }),

  get: translateProcedure
    .input(z.object({ name: terminologyNameSchema }))
    .query(async ({ ctx, input }): Promise<TerminologyDetail> => {
      assertAllowed(canUseTerminologies(ctx.caller.user));
      const terminology = await terminologiesOf(ctx.compute).get(input.name);
      if (!terminology) throw new NotFoundError(`There is no terminology named ${input.name}`);
      return terminology;
    }),

  import: translateProcedure
    .input(importTerminologyInputSchema)
    .mutation(async ({ ctx, input }): Promise<TerminologySummary> => {
      const user = ctx.caller.user;
      assertAllowed(canUseTerminologies(user));
      // The CSV and TMX parsers load on the first import, off the API Lambda's cold start.
      const { parseTerminologyFile } = await import('@mlspace/core/terminology-files');
      const parsed = parseTerminologyFile(input.format, input.content, 'content');
      return terminologiesOf(ctx.compute).import({
        ...input,
        parsed,
        importedBy: user.username,
      });
    }),

  delete: translateProcedure
    .input(z.object({ name: terminologyNameSchema }))
    .mutation(async ({ ctx, input }): Promise<void> => {
      const user = ctx.caller.user;
      assertAllowed(canUseTerminologies(user));
      const store = terminologiesOf(ctx.compute);
      const terminology = await store.get(input.name);
      if (!terminology) throw new NotFoundError(`There is no terminology named ${input.name}`);
      const decision = canDeleteTerminology(user, terminology);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      await store.delete(input.name);
    }),
} satisfies TRPCRouterRecord;

const jobsRouter = {
  ...listProcedures('batchTranslateJob'),
  options: optionsProcedure('batchTranslateJob', 'translation-output'),

  get: translateProcedure
    .input(nameInput)
    .query(async ({ ctx, input }): Promise<TranslationJobDetailView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorizeResource(
        ctx.db,
        user,
        'batchTranslateJob',
        input.name,
        canReadResource,
      );
      const description = await backendFor(ctx.compute, 'batchTranslateJob').describe(record.name);
      const fresh = await refreshRecord(ctx.db, record, description);
      return {
        job: toSummaryView(fresh),
        documents: description?.documents ?? null,
        failures: description?.failures ?? [],
        permissions: { manage: canManageResource(user, facts).allowed },
      };
    }),

  create: translateProcedure
    .input(createTranslationJobInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      const translation = translationOf(ctx.compute);
      const capabilities = await translation.capabilities();
      assertSettingsSupported(capabilities, input.settings);
      assertPairsOffered(
        capabilities,
        input.sourceLanguage,
        input.targetLanguages,
        'targetLanguages',
      );
      await assertTerminologiesExist(terminologiesOf(ctx.compute), input.terminologyNames);
      const [inputS3Uri, outputS3Uri] = await assertStorageLocations(ctx, user, input.project, [
        { field: 'inputS3Uri', uri: input.inputS3Uri, access: 'read' },
        { field: 'outputS3Uri', uri: input.outputS3Uri, access: 'write' },
      ]);
      const backend = backendFor(ctx.compute, 'batchTranslateJob');
      const { project, name, ...requested } = input;
      const spec = { ...requested, inputS3Uri: inputS3Uri!, outputS3Uri: outputS3Uri! };
      const { record } = await registerAndCreate(ctx, {
        kind: 'batchTranslateJob',
        name,
        project,
        owner: user.username,
        status: 'InProgress',
        spec,
        create: () =>
          backend.create({
            name,
            owner: { project, username: user.username },
            inputS3Uri: spec.inputS3Uri,
            outputS3Uri: spec.outputS3Uri,
            sourceLanguage: input.sourceLanguage,
            targetLanguages: input.targetLanguages,
            terminologyNames: input.terminologyNames,
            settings: input.settings,
          }),
      });
      return toSummaryView(record);
    }),

  stop: translateProcedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
    const { record } = await authorizeResource(
      ctx.db,
      ctx.caller.user,
      'batchTranslateJob',
      input.name,
      canManageResource,
    );
    await backendFor(ctx.compute, 'batchTranslateJob').stop(record.name);
  }),

  ...outputProcedures('batchTranslateJob'),
} satisfies TRPCRouterRecord;

export const translationRouter = {
  capabilities: translateProcedure.query(async ({ ctx }): Promise<TranslationCapabilitiesView> => {
    const capabilities = await translationOf(ctx.compute).capabilities();
    return {
      ...capabilities,
      languageLabels: Object.fromEntries(
        capabilities.languages.map((code) => [code, languageLabel(code)]),
      ),
    };
  }),

  /** Real-time translation in a project (the page, and a procedure for scripts). */
  translateText: translateProcedure
    .input(translateTextInputSchema)
    .mutation(async ({ ctx, input }): Promise<TranslateTextResult> => {
      await authorizeProject(ctx.db, ctx.caller.user, input.project, canCreateResource);
      const translation = translationOf(ctx.compute);
      const capabilities = await translation.capabilities();
      assertSettingsSupported(capabilities, input.settings);
      assertPairsOffered(
        capabilities,
        input.sourceLanguage,
        [input.targetLanguage],
        'targetLanguage',
      );
      await assertTerminologiesExist(terminologiesOf(ctx.compute), input.terminologyNames);
      return translation.translateText({
        text: input.text,
        sourceLanguage: input.sourceLanguage,
        targetLanguage: input.targetLanguage,
        terminologyNames: input.terminologyNames,
        settings: input.settings,
      });
    }),

  terminologies: terminologiesRouter,
  jobs: jobsRouter,
} satisfies TRPCRouterRecord;
