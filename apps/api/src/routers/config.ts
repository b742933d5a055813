import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ValidationError,
  activeServices,
  appConfigSchema,
  assertAllowed,
  canAdministerConfig,
  configReasonSchema,
  configurableServices,
  instanceKinds,
  instanceTypeCatalogue,
  pageInputSchema,
  parseConfigDocument,
  serviceLabels,
  serviceUnavailableReason,
  visibleBanner,
  type AppConfig,
  type ConfigVersionView,
} from '@mlspace/core';

import type { Context } from '../context';
import { toConfigVersionView } from '../services/config-service';
import {
  allowedModelProblems,
  assertAllowedModelsOffered,
} from '../services/playground/admin-choice';
import { bedrockUnavailableLocally, foundationModelsOf } from '../services/playground/sources';
import { adminProcedure, publicProcedure } from '../trpc';

const versionSchema = z.number().int().min(0);

/** Top-level sections whose content differs, for the audit event's summary. */
function changedSections(before: AppConfig, after: AppConfig): string[] {
  return (Object.keys(after) as (keyof AppConfig)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

async function saveVersion(
  ctx: Context & { caller: NonNullable<Context['caller']> },
  input: {
    expectedVersion: number;
    config: AppConfig;
    reason: string;
    action: string;
    /** Where new allowed models are named when Bedrock does not offer them (not on rollback). */
    modelsField?: 'config';
  },
): Promise<ConfigVersionView> {
  const current = await ctx.db.config.latest();
  const before = current ? toConfigVersionView(current, ctx.settings.mode).config : input.config;
  if (input.modelsField)
    await assertAllowedModelsOffered(ctx, current ? before : null, input.config, input.modelsField);
  const stored = await ctx.db.config.save({
    expectedVersion: input.expectedVersion,
    document: input.config,
    reason: input.reason,
    actor: ctx.caller.user.username,
    action: input.action,
    summary: { sections: changedSections(before, input.config) },
  });
  const view = toConfigVersionView(stored, ctx.settings.mode);
  await ctx.configService.saved(view);
  return view;
}

export const configRouter = {
  /** The current version with what the editor needs to offer: the catalogue and each service's availability. */
  get: adminProcedure.query(async ({ ctx }) => {
    assertAllowed(canAdministerConfig(ctx.caller.user));
    const current = await ctx.configService.current();
    return {
      ...current,
      catalogue: instanceTypeCatalogue,
      instanceKinds,
      deploymentMode: ctx.settings.mode,
      services: configurableServices.map((name) => ({
        name,
        label: serviceLabels[name],
        unavailableReason: serviceUnavailableReason(name, ctx.settings.mode),
      })),
    };
  }),

  /** What every page may know, signed in or not: the banner and which services are on. */
  public: publicProcedure.query(async ({ ctx }) => {
    const { config } = await ctx.configService.current();
    return { banner: visibleBanner(config), services: activeServices(config, ctx.settings.mode) };
  }),

  update: adminProcedure
    .input(
      z.object({
        expectedVersion: versionSchema,
        reason: configReasonSchema,
        config: appConfigSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      assertAllowed(canAdministerConfig(ctx.caller.user));
      return saveVersion(ctx, { ...input, action: 'config.updated', modelsField: 'config' });
    }),

  history: adminProcedure.input(pageInputSchema).query(async ({ ctx, input }) => {
    assertAllowed(canAdministerConfig(ctx.caller.user));
    const page = await ctx.db.config.history(input);
    return {
      items: page.items.map((item) => toConfigVersionView(item, ctx.settings.mode)),
      cursor: page.cursor,
    };
  }),

  version: adminProcedure
    .input(z.object({ version: versionSchema }))
    .query(async ({ ctx, input }) => {
      assertAllowed(canAdministerConfig(ctx.caller.user));
      return toConfigVersionView(await ctx.db.config.get(input.version), ctx.settings.mode);
    }),

  /** Writes a new version equal to an old one; history is never rewritten. */
  rollback: adminProcedure
    .input(
      z.object({
        toVersion: versionSchema,
        expectedVersion: versionSchema,
        reason: configReasonSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      assertAllowed(canAdministerConfig(ctx.caller.user));
      const target = toConfigVersionView(
        await ctx.db.config.get(input.toVersion),
        ctx.settings.mode,
      );
      return saveVersion(ctx, {
        expectedVersion: input.expectedVersion,
        config: target.config,
        reason: input.reason ?? `Rollback to version ${input.toVersion}`,
        action: 'config.rolled_back',
      });
    }),

  export: adminProcedure.query(async ({ ctx }) => {
    assertAllowed(canAdministerConfig(ctx.caller.user));
    const current = await ctx.configService.current();
    return {
      format: 'mlspace-config' as const,
      exportedAt: new Date().toISOString(),
      version: current.version,
      config: current.config,
    };
  }),

  /** Validates an uploaded document and names the path of every problem before anything is written. */
  import: adminProcedure
    .input(
      z.object({
        expectedVersion: versionSchema,
        reason: configReasonSchema,
        document: z.unknown(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      assertAllowed(canAdministerConfig(ctx.caller.user));
      const parsed = parseConfigDocument(input.document);
      const current = await ctx.db.config.latest();
      // Models Bedrock does not offer are problems of the document like any other.
      const problems = parsed.config
        ? (
            await allowedModelProblems(
              ctx,
              current ? toConfigVersionView(current, ctx.settings.mode).config : null,
              parsed.config,
            )
          ).map((problem) => ({
            path: `bedrock.allowedModels.${problem.index}`,
            message: problem.message,
          }))
        : parsed.problems;
      if (!parsed.config || problems.length > 0) {
        const list = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
        throw new ValidationError('document', `${problems.length} problem(s): ${list}`);
      }
      return saveVersion(ctx, {
        expectedVersion: input.expectedVersion,
        config: parsed.config,
        reason: input.reason,
        action: 'config.imported',
      });
    }),

  /**
   * The models an administrator may allow: Bedrock's on-demand text models of the region. Locally
   * none, with the reason (foundation models need AWS).
   */
  foundationModels: adminProcedure.query(async ({ ctx }) => {
    assertAllowed(canAdministerConfig(ctx.caller.user));
    if (!ctx.compute.foundationModels)
      return { unavailableReason: bedrockUnavailableLocally, region: null, models: [] };
    return {
      unavailableReason: null,
      region: ctx.settings.dynamoDb.region,
      models: await foundationModelsOf(ctx).list(),
    };
  }),

  /** The deployment's fixed configuration, read-only and without secrets. */
  deployment: adminProcedure.query(({ ctx }) => {
    assertAllowed(canAdministerConfig(ctx.caller.user));
    const { settings } = ctx;
    return {
      mode: settings.mode,
      backend: settings.mode === 'local' ? 'local processes' : 'Amazon SageMaker',
      publicUrl: settings.publicUrl,
      region: settings.dynamoDb.region,
      tableName: settings.dynamoDb.tableName,
      dynamoDbEndpoint: settings.dynamoDb.endpoint ?? 'AWS default',
      dataBucket: settings.s3.dataBucket,
      s3Endpoint: settings.s3.endpoint ?? 'AWS default',
      identityProviderIssuer: settings.oidc.issuer,
      oidcClientId: settings.oidc.clientId,
      initialAdmins: settings.initialAdmins,
      newUsersSuspended: settings.newUsersSuspended,
      sessionTtlSeconds: settings.session.ttlSeconds,
      dataDir: settings.mode === 'local' ? settings.dataDir : null,
    };
  }),
} satisfies TRPCRouterRecord;
